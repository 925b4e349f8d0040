// Records the 28 June 2021 call between the cabinet and TikTok, then exercises what a sync script relies on: paging,
// idempotent replays, If-Match, merge patch and field errors, through the generated client only. Each step prints what it
// checked; the first failure exits 1. Run with `npm run sample` in clients/typescript.
import { randomUUID } from "node:crypto";
import { createCrmClient, type Schemas } from "../../clients/typescript/src/index.js";

function fail(what: string): never {
  console.error(`FAILED: ${what}`);
  process.exit(1);
}

function check(passed: boolean, what: string): void {
  if (!passed) fail(what);
  console.log(`ok: ${what}`);
}

/** The body of a successful answer; anything else fails the run with the problem the API sent. */
function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) fail(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

const crm = createCrmClient(process.env.STAKEHOLDERCRM_URL ?? fail("STAKEHOLDERCRM_URL is not set"),
  process.env.STAKEHOLDERCRM_KEY ?? fail("STAKEHOLDERCRM_KEY is not set"));
const run = randomUUID().slice(0, 8);

// The organisations: TikTok, recorded twice with one Idempotency-Key (the second answer is the stored first one).
const tiktokBody: Schemas["CreateOrganisation"] = {
  name: `TikTok Technology Ltd (sample ${run})`, kind: "company", country: "IE", aliases: ["TikTok", "Tik Tok"], tags: ["platform"],
};
const key = randomUUID();
const first = await crm.POST("/api/organisations", { params: { header: { "Idempotency-Key": key } }, body: tiktokBody });
const second = await crm.POST("/api/organisations", { params: { header: { "Idempotency-Key": key } }, body: tiktokBody });
const tiktok = must(first, "create TikTok");
check(first.response.status === 201 && first.response.headers.get("Idempotent-Replayed") === null,
  "the first POST creates the organisation (201, not replayed)");
check(must(second, "replay TikTok").id === tiktok.id && second.response.headers.get("Idempotent-Replayed") === "true",
  "the same Idempotency-Key replays it: same id, Idempotent-Replayed: true");

const cabinet = must(await crm.POST("/api/organisations", {
  params: { header: { "Idempotency-Key": randomUUID() } },
  body: { name: `Cabinet of Commissioner Johansson (sample ${run})`, kind: "euInstitution", internal: true, aliases: ["CAB-JOHANSSON"] },
}), "create the cabinet");
check(cabinet.internal, "our cabinet is recorded as internal");

// The people on the call.
async function contact(fullName: string, organisationId: string, title: string) {
  return must(await crm.POST("/api/contacts", {
    params: { header: { "Idempotency-Key": randomUUID() } },
    body: { fullName, positions: [{ organisationId, title }] },
  }), `create ${fullName}`);
}
const maglione = await contact("Monika Maglione", cabinet.id, "Member of Cabinet");
const greer = await contact("Caroline Greer", tiktok.id, "Director, Public Policy & Government Relations");
const evans = await contact("Alexandra Evans", tiktok.id, "Head of Child Safety Europe");

const call = must(await crm.POST("/api/engagements", {
  params: { header: { "Idempotency-Key": randomUUID() } },
  body: {
    title: "Call with TikTok on security, safety and the EU Internet Forum", kind: "call", status: "held",
    startsAt: "2021-06-28T12:00:00+02:00", timeZone: "Europe/Brussels",
    purpose: "TikTok's approach to security and safety and its wish to join the EU Internet Forum.",
    organisationIds: [tiktok.id],
    participants: [
      { contactId: maglione.id, side: "internal" },
      { contactId: greer.id, side: "external" },
      { contactId: evans.id, side: "external" },
    ],
    keyPoints: [
      { section: "keyPoint", text: "TikTok would like to join the EU Internet Forum and present its activities at the next Senior Officials "
        + "Meeting in November 2021." },
      { section: "keyPoint", text: "TikTok offered a virtual visit to its European Transparency Centre in Dublin." },
      { section: "keyPoint", text: "TikTok supports the Commission's plans for a NCMEC-style operation." },
      { section: "keyPoint", text: "TikTok is interested in workshops on implementing the TCO Regulation." },
      { section: "detail", text: "Over 100 million users in Europe; the Trust and Safety team grew from 20 to over 1000." },
    ],
    links: [{ title: "How TikTok recommends videos", url: "https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you" }],
  },
}), "record the call");
check(call.participants.length === 3 && call.keyPoints.length === 5, "the call is recorded with its 3 participants and 5 key points");
check(call.localStartsAt.startsWith("2021-06-28T12:00:00") && call.localStartsAt.endsWith("+02:00") && call.timeZone === "Europe/Brussels",
  "the call keeps its Brussels time: 12:00+02:00");

const created = await crm.POST("/api/commitments", {
  params: { header: { "Idempotency-Key": randomUUID() } },
  body: {
    title: "Present TikTok's activities at the EU Internet Forum's Senior Officials Meeting", direction: "theirs", category: "presentation",
    organisationId: tiktok.id, madeInEngagementId: call.id, committedById: greer.id, ownerId: maglione.id, dueDate: "2021-11-30",
    targetEvent: "EU Internet Forum SOM, November 2021", status: "open",
  },
});
const promise = must(created, "record the commitment");
const promiseETag = created.response.headers.get("ETag") ?? fail("the commitment's response has no ETag");
check(promise.status === "open", "the commitment is open and its response carries an ETag");

// A transition names the version it moves on from; the ETag it answers with is the next one to send.
const started = await crm.POST("/api/commitments/{id}/transitions", {
  params: { path: { id: promise.id }, header: { "If-Match": promiseETag, "Idempotency-Key": randomUUID() } },
  body: { to: "inProgress", note: "Invited to the November SOM." },
});
check(must(started, "start the commitment").status === "inProgress" && started.response.headers.get("ETag") !== promiseETag,
  "If-Match with the ETag moves it to inProgress");
const stale = await crm.POST("/api/commitments/{id}/transitions", {
  params: { path: { id: promise.id }, header: { "If-Match": promiseETag, "Idempotency-Key": randomUUID() } },
  body: { to: "withdrawn" },
});
check(stale.response.status === 412 && stale.error?.status === 412, "the stale ETag is refused with 412");

// Paging: one organisation a page until there is no next cursor.
const seen: string[] = [];
let cursor: string | undefined;
let pages = 0;
do {
  const page = must(await crm.GET("/api/organisations", { params: { query: { q: `sample ${run}`, limit: 1, cursor } } }), "list organisations");
  seen.push(...page.items.map((organisation) => organisation.id));
  cursor = page.nextCursor ?? undefined;
  pages++;
} while (cursor !== undefined && pages < 100);
check(cursor === undefined && seen.length === 2 && seen.includes(tiktok.id) && seen.includes(cabinet.id),
  `the list, one item a page, ends after both organisations (${pages} pages)`);

// Merge patch: set the website, then clear it with null; each change names the version it changes.
const withWebsite = await crm.PATCH("/api/organisations/{id}", {
  params: { path: { id: tiktok.id }, header: { "If-Match": second.response.headers.get("ETag") ?? fail("the replay has no ETag") } },
  body: { website: "https://www.tiktok.com" },
});
const patched = must(withWebsite, "set the website");
check(patched.website === "https://www.tiktok.com" && patched.name === tiktokBody.name, "a merge patch sets the website only");
const cleared = must(await crm.PATCH("/api/organisations/{id}", {
  params: { path: { id: tiktok.id }, header: { "If-Match": withWebsite.response.headers.get("ETag") ?? fail("the patch has no ETag") } },
  body: { website: null },
}), "clear the website");
check(cleared.website === null && cleared.country === "IE", "a merge patch with website: null clears it and nothing else");

// A field error: a name is required (the compiler insists), and an empty one is a 400 whose errors name the field.
const invalid = await crm.POST("/api/organisations", { body: { name: "", kind: "company" } });
const problem = invalid.error;
check(invalid.response.status === 400 && problem !== undefined && "errors" in problem && problem.errors["name"] !== undefined,
  "an organisation with an empty name is a 400 with errors.name");

console.log("TypeScript sample: all steps passed");
