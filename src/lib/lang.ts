/** The languages every text a buyer or merchant reads comes in (Indonesian first, the default). */
export const LANGS = ["id", "en"] as const
export type Lang = (typeof LANGS)[number]
