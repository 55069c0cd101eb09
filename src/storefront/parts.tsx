"use client"

import { useEffect, useState, type ReactNode } from "react"
import type { MootaMessages } from "./i18n"
import { buildQrDataUrl, buildQrPngDataUrl } from "./qr"
import { S } from "./styles"
import type { MootaInstructionAccount } from "./types"

/** The payment card's smaller pieces: a copy button, one account to transfer to, the QRIS image. */

export function CopyButton(props: { label: string; text: string; onClick: () => void }): ReactNode {
  return (
    <button type="button" style={S.secondaryButton} aria-label={props.label} onClick={props.onClick}>
      {props.text}
    </button>
  )
}

export function AccountCard(props: {
  account: MootaInstructionAccount
  t: MootaMessages
  copied: boolean
  onCopy: () => void
}): ReactNode {
  const { account: a, t } = props
  const number = a.account_number ?? ""
  return (
    <li style={S.card} data-testid="moota-account">
      <p style={S.bank}>{a.bank}</p>
      <p style={S.label}>{a.kind === "va" || a.kind === "moota_va" ? t.vaNumber : t.accountNumber}</p>
      <div style={S.row}>
        <p style={S.accountNumber}>{number}</p>
        <CopyButton label={a.kind === "moota_va" ? t.copyVa(a.bank, number) : t.copyAccount(a.bank, number)} text={props.copied ? t.copied : t.copy} onClick={props.onCopy} />
      </div>
      <p style={S.hint}>
        {t.accountHolder}: {a.account_holder}
      </p>
      {a.kind === "moota_va" && <p style={S.hint}>{t.ownNumberHint}</p>}
    </li>
  )
}

/** "qris-order-12.png": the saved QR is found again in the phone's gallery by its order. */
export function qrFileName(orderNumber: number | null | undefined): string {
  return orderNumber ? `qris-order-${orderNumber}.png` : "qris.png"
}

/**
 * "Save QR": the buyer paying on the phone that shows the code cannot scan it, so the image is saved
 * (e-wallets and banking apps pay from a QR picked in the gallery). A drawn QR is saved as a PNG drawn
 * on click; a hosted one is fetched (a link to another site would only open it), else opened.
 */
export function SaveQr(props: { load: () => Promise<string>; fileName: string; t: MootaMessages; fallbackUrl?: string }): ReactNode {
  const onClick = async () => {
    try {
      const href = await props.load()
      const a = document.createElement("a")
      a.href = href
      a.download = props.fileName
      document.body.appendChild(a)
      a.click()
      a.remove()
      if (href.startsWith("blob:")) setTimeout(() => URL.revokeObjectURL(href), 10_000)
    } catch {
      // The image's host does not let this page read it: open it, where a long press saves it.
      if (props.fallbackUrl) window.open(props.fallbackUrl, "_blank", "noopener")
    }
  }
  return (
    <button type="button" style={{ ...S.secondaryButton, marginTop: "0.5rem" }} onClick={() => void onClick()} data-testid="moota-qris-save">
      {props.t.qrisSave}
    </button>
  )
}

async function fetchAsObjectUrl(url: string): Promise<string> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`QR image answered ${res.status}`)
  return URL.createObjectURL(await res.blob())
}

/** A QR Moota hosts as an image (create-transaction gave a link, not the QR's text). */
export function HostedQrImage(props: { url: string; alt: string; fileName: string; t: MootaMessages }): ReactNode {
  return (
    <>
      <img src={props.url} alt={props.alt} width={256} height={256} style={S.qr} data-testid="moota-qris-image" />
      <SaveQr load={() => fetchAsObjectUrl(props.url)} fallbackUrl={props.url} fileName={props.fileName} t={props.t} />
    </>
  )
}

export function QrisImage(props: { payload: string; alt: string; fileName: string; t: MootaMessages }): ReactNode {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    setSrc(null)
    setFailed(false)
    buildQrDataUrl(props.payload).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true)
    )
    return () => {
      live = false
    }
  }, [props.payload])
  if (failed) return <p style={S.text}>{props.t.qrisFailed}</p>
  if (!src) {
    return (
      <div style={S.qrPlaceholder} role="img" aria-label={props.t.qrisLoading}>
        {props.t.qrisLoading}
      </div>
    )
  }
  return (
    <>
      <img src={src} alt={props.alt} width={256} height={256} style={S.qr} data-testid="moota-qris-image" />
      <SaveQr load={() => buildQrPngDataUrl(props.payload)} fileName={props.fileName} t={props.t} />
    </>
  )
}
