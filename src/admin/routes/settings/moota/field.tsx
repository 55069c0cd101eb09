import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** One labelled row of a settings card. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-start gap-x-4 px-6 py-3">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        {label}
      </Text>
      <div className="min-w-0 break-words" data-testid={testId}>
        {children}
      </div>
    </div>
  )
}
