import { z } from "zod";
import {
  actionCreateSchema,
  actionPatchSchema,
  changeLinkSchema,
  changeUnlinkQuerySchema,
  conflictResolutionSchema,
  historyQuerySchema,
  idParamSchema,
  phasePatchSchema,
  reportQuerySchema,
  versionQuerySchema,
} from "@/lib/tracker/schemas";
import { reportSchema } from "@/lib/tracker/report";
import {
  actionViewSchema,
  conflictResolvedSchema,
  conflictsResponseSchema,
  historyPageSchema,
  linkedChangeViewSchema,
  phaseStateSchema,
  trackerViewSchema,
} from "@/lib/tracker/types";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA, type RouteSpec } from "../types";
import { UPSTREAM_ERRORS } from "./upstream";

/** The incident tracker: phases, criteria, actions, conflicts, history and the report. */

/** The Markdown form of the report (the default `format=md`). */
const reportMarkdownSchema = z.string();

const tooLarge = { 413: errorResponse("The body is larger than 16 KB.") };
const stale = {
  409: errorResponse("Based on an old version (`stale_version`, with `current`), or not allowed in this state."),
};
const notFound = { 404: errorResponse("No such phase or action.") };
const phaseParams = z.object({ phaseId: idParamSchema });
const actionParams = z.object({ phaseId: idParamSchema, actionId: idParamSchema });

export const trackerRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/tracker",
    tag: "Tracker",
    summary: "The incident, its phases with evaluated criteria, actions and open config conflicts",
    responses: jsonOk("The tracker; a criterion without data is unknown, never a pass.", trackerViewSchema),
  },
  {
    method: "POST",
    path: "/api/tracker/evaluate",
    tag: "Tracker",
    summary: "Evaluate every success criterion now, then return the tracker",
    responses: jsonOk("The tracker after the evaluation.", trackerViewSchema),
  },
  {
    method: "GET",
    path: "/api/tracker/conflicts",
    tag: "Tracker",
    summary: "Config changes that contradict edits made on the page",
    responses: jsonOk("Open conflicts (kept, not overwritten).", conflictsResponseSchema),
  },
  {
    method: "POST",
    path: "/api/tracker/conflicts/{conflictId}",
    tag: "Tracker",
    summary: "Resolve a config conflict by keeping the store's or the config's value",
    // The handler checks the id inline with z.uuid(); the same rule here.
    params: z.object({ conflictId: z.uuid() }),
    body: conflictResolutionSchema,
    responses: {
      ...jsonOk("Which conflict was resolved, and how.", conflictResolvedSchema),
      404: errorResponse("No such conflict."),
      409: errorResponse("Resolved by someone already (`already_resolved`)."),
      ...tooLarge,
    },
  },
  {
    method: "GET",
    path: "/api/tracker/history",
    tag: "Tracker",
    summary: "The audit trail, newest first",
    query: [historyQuerySchema],
    responses: jsonOk("One page; pass `nextCursor` as `cursor` for the next.", historyPageSchema),
  },
  {
    method: "GET",
    path: "/api/tracker/report",
    tag: "Tracker",
    summary: "Leadership report: verdict, phase progress, criteria with evidence, changes",
    query: [reportQuerySchema],
    responses: {
      200: {
        description:
          "Markdown by default (`format=md`), JSON with `format=json`; changes of the last 7 days without `since`.",
        content: { [MEDIA.markdown]: reportMarkdownSchema, [MEDIA.json]: reportSchema },
      },
    },
  },
  {
    method: "PATCH",
    path: "/api/tracker/phases/{phaseId}",
    tag: "Tracker",
    summary: "Set a phase's status, based on the version read",
    params: phaseParams,
    body: phasePatchSchema,
    responses: { ...jsonOk("The phase's new state.", phaseStateSchema), ...notFound, ...stale, ...tooLarge },
  },
  {
    method: "POST",
    path: "/api/tracker/phases/{phaseId}/actions",
    tag: "Tracker",
    summary: "Add an action to a phase",
    params: phaseParams,
    body: actionCreateSchema,
    responses: {
      201: { description: "The new action.", content: { [MEDIA.json]: actionViewSchema } },
      ...notFound,
      ...tooLarge,
    },
  },
  {
    method: "PATCH",
    path: "/api/tracker/phases/{phaseId}/actions/{actionId}",
    tag: "Tracker",
    summary: "Edit an action, based on the version read",
    params: actionParams,
    body: actionPatchSchema,
    responses: { ...jsonOk("The action after the edit.", actionViewSchema), ...notFound, ...stale, ...tooLarge },
  },
  {
    method: "DELETE",
    path: "/api/tracker/phases/{phaseId}/actions/{actionId}",
    tag: "Tracker",
    summary: "Remove an action, based on the version read (?version)",
    params: actionParams,
    query: [versionQuerySchema],
    responses: { 204: { description: "Removed." }, ...notFound, ...stale },
  },
  {
    method: "POST",
    path: "/api/tracker/phases/{phaseId}/actions/{actionId}/changes",
    tag: "Tracker",
    summary: "Link an action to the change that carried it out (a change from GET /api/changes)",
    description:
      "The change is read again from the Admin Activity audit log around its `startedAt` and stored as read then (without who made it). Linking the same change twice is one link.",
    params: actionParams,
    body: changeLinkSchema,
    responses: {
      201: { description: "The link, as stored.", content: { [MEDIA.json]: linkedChangeViewSchema } },
      404: errorResponse("No such phase or action, or no such change started at that time."),
      ...tooLarge,
      ...UPSTREAM_ERRORS,
    },
  },
  {
    method: "DELETE",
    path: "/api/tracker/phases/{phaseId}/actions/{actionId}/changes",
    tag: "Tracker",
    summary: "Unlink an action from a change (?changeId)",
    params: actionParams,
    query: [changeUnlinkQuerySchema],
    responses: {
      204: { description: "Unlinked." },
      404: errorResponse("No such action, or not linked to that change."),
    },
  },
];
