/** Workflow failures can arrive as plain objects; keep their message, never a whole payload. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    return e.message
  }
  if (e && typeof e === "object" && "message" in e) {
    return String((e as { message: unknown }).message)
  }
  return String(e)
}
