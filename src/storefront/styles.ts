import type { CSSProperties } from "react"
import type { MootaBuyerStatus } from "./types"

/** Inline styles of the payment card: no stylesheet to import, so it fits any storefront. */

// Colours checked for WCAG AA contrast on their backgrounds (body text ≥ 7:1, badges ≥ 4.5:1).
const INK = "#111827"
const MUTED = "#374151"
export const S: Record<string, CSSProperties> = {
  root: {
    boxSizing: "border-box",
    maxWidth: "34rem",
    padding: "1.25rem",
    border: "1px solid #d1d5db",
    borderRadius: "0.75rem",
    background: "#ffffff",
    color: INK,
    fontFamily: "inherit",
    lineHeight: 1.5,
  },
  rootPaid: { borderColor: "#047857", background: "#f0fdf4" },
  header: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: "0.5rem" },
  heading: { margin: 0, fontSize: "1.25rem", fontWeight: 700 },
  subHeading: { margin: "0 0 0.5rem", fontSize: "1rem", fontWeight: 600 },
  badge: { display: "inline-block", padding: "0.125rem 0.625rem", borderRadius: "999px", fontSize: "0.875rem", fontWeight: 600 },
  block: { marginTop: "1rem" },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.75rem" },
  label: { margin: 0, fontSize: "0.875rem", color: MUTED },
  text: { margin: "0.25rem 0", color: INK },
  hint: { margin: "0.25rem 0", fontSize: "0.875rem", color: MUTED },
  amount: { margin: 0, fontSize: "1.75rem", fontWeight: 700, letterSpacing: "0.02em", fontVariantNumeric: "tabular-nums" },
  mark: { background: "#fde047", color: INK, padding: "0 0.125rem", borderRadius: "0.25rem", textDecoration: "underline", textUnderlineOffset: "0.2em" },
  countdown: { fontWeight: 700, fontVariantNumeric: "tabular-nums" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "0.75rem" },
  card: { padding: "0.75rem 1rem", border: "1px solid #d1d5db", borderRadius: "0.5rem" },
  bank: { margin: 0, fontWeight: 700 },
  accountNumber: { margin: 0, fontSize: "1.25rem", fontWeight: 600, fontVariantNumeric: "tabular-nums", letterSpacing: "0.04em" },
  qr: { display: "block", width: "256px", maxWidth: "100%", height: "auto", background: "#ffffff" },
  qrPlaceholder: { width: "256px", height: "256px", display: "flex", alignItems: "center", justifyContent: "center", background: "#f3f4f6", color: MUTED },
  primaryButton: {
    minHeight: "2.75rem",
    padding: "0.5rem 1.25rem",
    border: "none",
    borderRadius: "0.5rem",
    background: "#1d4ed8",
    color: "#ffffff",
    fontSize: "1rem",
    fontWeight: 600,
    cursor: "pointer",
  },
  secondaryButton: {
    minHeight: "2.25rem",
    padding: "0.25rem 0.875rem",
    border: "1px solid #1d4ed8",
    borderRadius: "0.5rem",
    background: "#ffffff",
    color: "#1d4ed8",
    fontSize: "0.875rem",
    fontWeight: 600,
    cursor: "pointer",
  },
  notice: { margin: "0.75rem 0 0", padding: "0.75rem 1rem", borderRadius: "0.5rem", background: "#eff6ff", border: "1px solid #93c5fd", color: INK },
  form: { display: "grid", gap: "0.75rem", marginTop: "0.75rem" },
  field: { display: "grid", gap: "0.25rem" },
  input: { boxSizing: "border-box", width: "100%", minHeight: "2.5rem", padding: "0.375rem 0.625rem", border: "1px solid #6b7280", borderRadius: "0.375rem", font: "inherit", color: INK, background: "#ffffff" },
  error: { margin: 0, fontSize: "0.875rem", color: "#991b1b" },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    padding: 0,
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
}

export const BADGE: Record<MootaBuyerStatus, CSSProperties> = {
  awaiting: { background: "#fef3c7", color: "#78350f" },
  paid: { background: "#047857", color: "#ffffff" },
  expired: { background: "#fee2e2", color: "#7f1d1d" },
  canceled: { background: "#e5e7eb", color: "#1f2937" },
}

/** The badge while a transfer for the order is with the store. */
export const REVIEW_BADGE: CSSProperties = { background: "#dbeafe", color: "#1e3a8a" }
