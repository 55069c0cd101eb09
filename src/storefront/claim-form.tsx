"use client"

import { useId, useState, type FormEvent, type ReactNode } from "react"
import { MootaPaymentApiError } from "./api"
import { formatDeadline } from "./format"
import type { MootaMessages } from "./i18n"
import { S } from "./styles"
import type { MootaBuyerClaim, MootaClaimAnswer, MootaClaimInput, MootaLang } from "./types"

const PROOF_MAX_BYTES = 2 * 1024 * 1024
const PROOF_TYPES = ["image/jpeg", "image/png", "image/webp"]

/** `YYYY-MM-DDTHH:mm` in the device's time, what a datetime-local input holds. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/**
 * "Konfirmasi pembayaran": the buyer reports a transfer (amount, bank, sender, time, optional proof).
 * Checked here for what the buyer can fix at once; the store checks everything again.
 */
export function ClaimForm(props: {
  t: MootaMessages
  defaultAmount: number
  submit: (input: MootaClaimInput) => Promise<MootaClaimAnswer>
  onSent: (answer: MootaClaimAnswer) => void
  onCancel: () => void
}): ReactNode {
  const { t } = props
  const ids = useId()
  const [amount, setAmount] = useState(String(props.defaultAmount))
  const [bank, setBank] = useState("")
  const [sender, setSender] = useState("")
  const [time, setTime] = useState(() => localInputValue(new Date()))
  const [file, setFile] = useState<File | null>(null)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const rupiah = Number(amount.replace(/[.\s]/g, ""))
    const at = new Date(time)
    if (!Number.isInteger(rupiah) || rupiah <= 0 || bank.trim().length < 2 || sender.trim().length < 2 || Number.isNaN(at.getTime())) {
      setError(t.claimInvalid)
      return
    }
    if (file && file.size > PROOF_MAX_BYTES) return setError(t.claimTooLarge)
    if (file && !PROOF_TYPES.includes(file.type)) return setError(t.claimWrongType)
    setSending(true)
    try {
      const answer = await props.submit({
        amount: rupiah,
        bank: bank.trim(),
        sender_name: sender.trim(),
        transferred_at: at.toISOString(),
        proof: file ? { data: await readBase64(file) } : null,
      })
      props.onSent(answer)
    } catch (err) {
      const status = err instanceof MootaPaymentApiError ? err.status : 0
      setError(status === 413 ? t.claimTooLarge : status === 429 ? t.claimTooMany : status === 400 ? t.claimInvalid : t.claimFailed)
    } finally {
      setSending(false)
    }
  }

  const field = (id: string, label: string, input: ReactNode, help?: string) => (
    <div style={S.field}>
      <label htmlFor={`${ids}-${id}`} style={S.label}>
        {label}
      </label>
      {input}
      {help && <p style={S.hint}>{help}</p>}
    </div>
  )

  return (
    <form style={S.form} onSubmit={(e) => void onSubmit(e)} data-testid="moota-claim-form" noValidate>
      <p style={S.hint}>{t.claimHelp}</p>
      {field(
        "amount",
        t.claimAmount,
        <input id={`${ids}-amount`} name="amount" inputMode="numeric" required style={S.input} value={amount} onChange={(e) => setAmount(e.target.value)} />
      )}
      {field(
        "bank",
        t.claimBank,
        <input id={`${ids}-bank`} name="bank" required maxLength={100} placeholder={t.claimBankPlaceholder} style={S.input} value={bank} onChange={(e) => setBank(e.target.value)} />
      )}
      {field(
        "sender",
        t.claimSender,
        <input id={`${ids}-sender`} name="sender_name" required maxLength={100} autoComplete="name" style={S.input} value={sender} onChange={(e) => setSender(e.target.value)} />
      )}
      {field(
        "time",
        t.claimTime,
        <input id={`${ids}-time`} name="transferred_at" type="datetime-local" required style={S.input} value={time} onChange={(e) => setTime(e.target.value)} />
      )}
      {field(
        "proof",
        t.claimProof,
        <input id={`${ids}-proof`} name="proof" type="file" accept={PROOF_TYPES.join(",")} style={S.input} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />,
        t.claimProofHelp
      )}
      <p role="alert" style={S.error} data-testid="moota-claim-error">
        {error ?? ""}
      </p>
      <div style={S.row}>
        <button type="submit" style={S.primaryButton} disabled={sending}>
          {sending ? t.claimSending : t.claimSubmit}
        </button>
        <button type="button" style={S.secondaryButton} onClick={props.onCancel} disabled={sending}>
          {t.claimCancel}
        </button>
      </div>
    </form>
  )
}

/**
 * The card's payment-confirmation part: the buyer's last confirmation, and the button that opens the
 * form. `prompt`: a transfer near this order's amount is with the store but may be another buyer's;
 * the buyer is asked, in words, to confirm theirs.
 */
export function ClaimSection(props: {
  t: MootaMessages
  lang: MootaLang
  claim: MootaBuyerClaim | null
  /** The store looked at the transfer the buyer reported and did not match it: say so, not "will check". */
  checked: boolean
  prompt: boolean
  defaultAmount: number
  SubHeading: "h3"
  submit: (input: MootaClaimInput) => Promise<MootaClaimAnswer>
  onSent: (answer: MootaClaimAnswer) => void
}): ReactNode {
  const { t, claim, SubHeading } = props
  const [open, setOpen] = useState(false)
  const [sent, setSent] = useState(false)
  return (
    <div style={S.block}>
      {claim && (
        <p role={sent ? "status" : undefined} style={S.hint} data-testid="moota-claim">
          {(props.checked ? t.claimChecked : t.claimSent)(claim.amount_formatted, claim.bank, claim.sender_name, formatDeadline(claim.transferred_at, props.lang))}
        </p>
      )}
      {open ? (
        <>
          <SubHeading style={S.subHeading}>{t.claimHeading}</SubHeading>
          <ClaimForm
            t={t}
            defaultAmount={props.defaultAmount}
            submit={props.submit}
            onCancel={() => setOpen(false)}
            onSent={(answer) => {
              props.onSent(answer)
              setOpen(false)
              setSent(true)
            }}
          />
        </>
      ) : (
        <>
          {props.prompt && !claim && (
            <p style={S.text} data-testid="moota-claim-prompt">
              {t.claimPrompt}
            </p>
          )}
          <button type="button" style={S.secondaryButton} onClick={() => setOpen(true)}>
            {t.claimOpen}
          </button>
        </>
      )}
    </div>
  )
}
