/*
 * The part of Google's google/cloud/audit/audit_log.proto this app decodes, vendored because
 * neither google-gax nor @google-cloud/logging ships it. Field names and numbers are Google's;
 * messages and fields this app does not read are left out (protobuf skips unknown fields).
 *
 * Source: https://github.com/googleapis/googleapis/blob/master/google/cloud/audit/audit_log.proto
 *
 * Copyright 2024 Google LLC
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/** google/rpc/status.proto, the fields an audit entry's status uses. */
export const RPC_STATUS_PROTO = `
syntax = "proto3";
package google.rpc;
message Status {
  int32 code = 1;
  string message = 2;
}
`;

export const AUDIT_LOG_PROTO = `
syntax = "proto3";
package google.cloud.audit;
import "google/protobuf/struct.proto";
import "google/rpc/status.proto";

message AuditLog {
  string service_name = 7;
  string method_name = 8;
  string resource_name = 11;
  int64 num_response_items = 12;
  google.rpc.Status status = 2;
  AuthenticationInfo authentication_info = 3;
  repeated AuthorizationInfo authorization_info = 9;
  RequestMetadata request_metadata = 4;
  google.protobuf.Struct request = 16;
  google.protobuf.Struct response = 17;
  google.protobuf.Struct metadata = 18;
}

message AuthenticationInfo {
  string principal_email = 1;
  string authority_selector = 2;
  string principal_subject = 8;
}

message AuthorizationInfo {
  string resource = 1;
  string permission = 2;
  bool granted = 3;
}

message RequestMetadata {
  string caller_ip = 1;
  string caller_supplied_user_agent = 2;
  string caller_network = 3;
}
`;
