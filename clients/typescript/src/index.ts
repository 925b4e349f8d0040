import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };

/** The API's request and response bodies by schema name, e.g. `Schemas["CreateOrganisation"]`. */
export type Schemas = components["schemas"];

/** A typed client for the StakeholderCrm API; every call sends the API key. */
export function createCrmClient(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { "X-Api-Key": apiKey } });
}

export type CrmClient = ReturnType<typeof createCrmClient>;
