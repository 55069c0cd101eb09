import type { ReactNode } from "react"
import type { MootaLang } from "../src/storefront"

/** The top of every demo page: the shop's title and the switch to the other language. */
export function PageTop(props: { title: string; switchLabel: string; lang: MootaLang; setLang: (lang: MootaLang) => void }): ReactNode {
  return (
    <header className="top">
      <h1>{props.title}</h1>
      <button type="button" className="link" onClick={() => props.setLang(props.lang === "id" ? "en" : "id")}>
        {props.switchLabel}
      </button>
    </header>
  )
}
