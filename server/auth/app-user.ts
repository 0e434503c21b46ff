/** Who sends a request, resolved from its API token. Reads need none; every write does. */
export interface AppUser {
  id: number;
  name: string;
  role: "VIEWER" | "STEWARD" | "ADMIN";
  /** Units a steward may write (ids); admins may write every unit. */
  unitIds: number[];
}
