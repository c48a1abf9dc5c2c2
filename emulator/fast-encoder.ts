import type { PackageDefinition } from "@grpc/proto-loader";

/**
 * A protobuf encoder driven by the descriptors proto-loader read from Google's .proto files
 * (field numbers and types come from there, nothing is copied by hand). It writes plain objects
 * straight into one buffer; the generic protobufjs path (fromObject, then encode) allocates so
 * much per point that a day of per-minute series spent most of its time collecting garbage.
 */

interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
  oneofIndex?: number;
}

interface MessageDescriptor {
  name: string;
  field: FieldDescriptor[];
  nestedType?: MessageDescriptor[];
  enumType?: { name: string; value: { name: string; number: number }[] }[];
  oneofDecl?: unknown[];
  options?: { mapEntry?: boolean } | null;
}

interface CompiledField {
  name: string;
  number: number;
  repeated: boolean;
  type: string;
  message?: CompiledMessage;
  enumValues?: Map<string, number>;
  map?: { key: CompiledField; value: CompiledField };
}

interface CompiledMessage {
  fields: CompiledField[];
  /** Messages with oneofs must encode zero values, or the chosen member is lost. */
  writeDefaults: boolean;
}

export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH = 2;

/**
 * A field value that writes itself (tags included): for hot repeated fields whose plain-object
 * form would cost more to build than to encode (a day of per-minute points).
 */
export class SelfWriting {
  constructor(readonly write: (w: Writer) => void) {}
}

export class Writer {
  buf = Buffer.allocUnsafe(1 << 16);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  varint(value: number): void {
    this.ensure(10);
    if (value < 0) {
      // Negative int64: ten-byte two's complement.
      let v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      while (v > 0x7fn) {
        this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
        v >>= 7n;
      }
      this.buf[this.pos++] = Number(v);
      return;
    }
    if (value < 0x80) {
      this.buf[this.pos++] = value;
      return;
    }
    if (value < 0x80000000) {
      let small = value | 0;
      while (small > 0x7f) {
        this.buf[this.pos++] = (small & 0x7f) | 0x80;
        small >>>= 7;
      }
      this.buf[this.pos++] = small;
      return;
    }
    let v = Math.trunc(value);
    while (v > 0x7f) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  double(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  string(value: string): void {
    const length = Buffer.byteLength(value);
    this.varint(length);
    this.ensure(length);
    this.buf.write(value, this.pos, "utf8");
    this.pos += length;
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Starts a length-prefixed block; returns where its length byte sits. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends the block begun at `lengthAt`, moving it if its length needs more than one byte. */
  end(lengthAt: number): void {
    const start = lengthAt + 1;
    const length = this.pos - start;
    let extra = 0;
    for (let v = length; v > 0x7f; v = Math.floor(v / 128)) extra++;
    if (extra) {
      this.ensure(extra);
      this.buf.copyWithin(start + extra, start, this.pos);
      this.pos += extra;
    }
    let v = length;
    let at = lengthAt;
    while (v > 0x7f) {
      this.buf[at++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[at] = v;
  }
}

const packable = new Set([
  "TYPE_INT64",
  "TYPE_UINT64",
  "TYPE_INT32",
  "TYPE_UINT32",
  "TYPE_BOOL",
  "TYPE_ENUM",
  "TYPE_DOUBLE",
]);

function writeScalar(w: Writer, f: CompiledField, value: unknown): void {
  switch (f.type) {
    case "TYPE_STRING":
      w.string(String(value));
      return;
    case "TYPE_BOOL":
      w.varint(value ? 1 : 0);
      return;
    case "TYPE_DOUBLE":
      w.double(Number(value));
      return;
    case "TYPE_BYTES":
      w.bytes(value instanceof Uint8Array ? value : Buffer.from(String(value), "base64"));
      return;
    case "TYPE_ENUM":
      w.varint(typeof value === "number" ? value : (f.enumValues?.get(String(value)) ?? 0));
      return;
    default:
      w.varint(Number(value));
  }
}

function wireType(f: CompiledField): number {
  if (f.type === "TYPE_MESSAGE" || f.type === "TYPE_STRING" || f.type === "TYPE_BYTES") return LENGTH;
  return f.type === "TYPE_DOUBLE" ? FIXED64 : VARINT;
}

function isDefault(value: unknown): boolean {
  return value === 0 || value === "" || value === false || value === "0";
}

function writeMessage(w: Writer, m: CompiledMessage, obj: Record<string, unknown>): void {
  for (const f of m.fields) {
    const value = obj[f.name];
    if (value === undefined || value === null) continue;
    if (value instanceof SelfWriting) {
      value.write(w);
    } else if (f.map) {
      const { key, value: val } = f.map;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        w.tag(f.number, LENGTH);
        const mark = w.begin();
        w.tag(key.number, wireType(key));
        writeScalar(w, key, k);
        w.tag(val.number, wireType(val));
        writeScalar(w, val, v);
        w.end(mark);
      }
    } else if (f.repeated) {
      const items = value as unknown[];
      if (!items.length) continue;
      if (packable.has(f.type)) {
        w.tag(f.number, LENGTH);
        const mark = w.begin();
        for (const item of items) writeScalar(w, f, item);
        w.end(mark);
      } else {
        for (const item of items) writeField(w, f, item);
      }
    } else if (m.writeDefaults || !isDefault(value)) {
      writeField(w, f, value);
    }
  }
}

function writeField(w: Writer, f: CompiledField, value: unknown): void {
  w.tag(f.number, wireType(f));
  if (f.message) {
    const mark = w.begin();
    writeMessage(w, f.message, value as Record<string, unknown>);
    w.end(mark);
  } else {
    writeScalar(w, f, value);
  }
}

export interface Encoder {
  encode(typeName: string, value: object): Buffer;
  /** Field numbers of a message type, by field name (camelCase, as proto-loader names them). */
  fieldNumbers(typeName: string): Record<string, number>;
  /** Writes `value` as the body of a `typeName` message (no tag, no length). */
  writeBody(w: Writer, typeName: string, value: object): void;
}

/** Builds encoders for every message type in the package definition. */
export function createEncoder(definition: PackageDefinition): Encoder {
  const messages = new Map<string, MessageDescriptor>();
  const enums = new Map<string, Map<string, number>>();
  const register = (full: string, d: MessageDescriptor) => {
    messages.set(full, d);
    d.nestedType?.forEach((n) => register(`${full}.${n.name}`, n));
    d.enumType?.forEach((e) => enums.set(`${full}.${e.name}`, new Map(e.value.map((v) => [v.name, v.number]))));
  };
  for (const [name, entry] of Object.entries(definition)) {
    const type = (entry as { type?: unknown; format?: string }).type;
    const format = (entry as { format?: string }).format ?? "";
    if (format.endsWith("EnumDescriptorProto")) {
      const e = type as { value: { name: string; number: number }[] };
      enums.set(name, new Map(e.value.map((v) => [v.name, v.number])));
    } else if (format.endsWith("DescriptorProto")) {
      register(name, type as MessageDescriptor);
    }
  }

  /** Protobuf scoping: look the name up from the innermost scope outwards. */
  const resolve = <T>(table: Map<string, T>, scope: string, typeName: string): [string, T] | undefined => {
    const parts = scope.split(".");
    for (let i = parts.length; i >= 0; i--) {
      const candidate = [...parts.slice(0, i), typeName].join(".");
      const found = table.get(candidate);
      if (found) return [candidate, found];
    }
    return undefined;
  };

  const compiled = new Map<string, CompiledMessage>();
  const compile = (full: string): CompiledMessage => {
    const existing = compiled.get(full);
    if (existing) return existing;
    const d = messages.get(full);
    if (!d) throw new Error(`unknown message ${full}`);
    const m: CompiledMessage = { fields: [], writeDefaults: (d.oneofDecl?.length ?? 0) > 0 };
    compiled.set(full, m);
    for (const f of d.field) {
      const field: CompiledField = {
        name: f.name,
        number: f.number,
        repeated: f.label === "LABEL_REPEATED",
        type: f.type,
      };
      if (f.type === "TYPE_MESSAGE") {
        const target = resolve(messages, full, f.typeName);
        if (!target) throw new Error(`cannot resolve ${f.typeName} from ${full}`);
        if (target[1].options?.mapEntry) {
          const [key, value] = target[1].field;
          if (key && value)
            field.map = {
              key: { name: "key", number: key.number, repeated: false, type: key.type },
              value: { name: "value", number: value.number, repeated: false, type: value.type },
            };
        } else {
          field.message = compile(target[0]);
        }
      } else if (f.type === "TYPE_ENUM") {
        field.enumValues = resolve(enums, full, f.typeName)?.[1] ?? new Map();
      }
      m.fields.push(field);
    }
    return m;
  };

  return {
    encode(typeName, value) {
      const m = compile(typeName);
      const w = new Writer();
      writeMessage(w, m, value as Record<string, unknown>);
      return Buffer.from(w.buf.subarray(0, w.pos));
    },
    fieldNumbers(typeName) {
      return Object.fromEntries(compile(typeName).fields.map((f) => [f.name, f.number]));
    },
    writeBody(w, typeName, value) {
      writeMessage(w, compile(typeName), value as Record<string, unknown>);
    },
  };
}
