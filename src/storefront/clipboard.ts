/**
 * Copies text, with the textarea fallback for browsers or pages where the async Clipboard API is
 * missing or refused (plain http, older WebViews in banking apps). Resolves false when nothing worked.
 */
export async function copyText(text: string): Promise<boolean> {
  const nav = typeof navigator === "undefined" ? undefined : navigator
  if (nav?.clipboard?.writeText) {
    try {
      await nav.clipboard.writeText(text)
      return true
    } catch {
      // fall through to the legacy path
    }
  }
  if (typeof document === "undefined" || !document.body) {
    return false
  }
  const area = document.createElement("textarea")
  area.value = text
  area.setAttribute("readonly", "")
  area.style.position = "fixed"
  area.style.opacity = "0"
  document.body.appendChild(area)
  const active = document.activeElement as HTMLElement | null
  try {
    area.select()
    return typeof document.execCommand === "function" && document.execCommand("copy")
  } catch {
    return false
  } finally {
    area.remove()
    active?.focus?.()
  }
}
