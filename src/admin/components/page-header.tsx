import { Heading, Tabs, Text } from "@medusajs/ui"

export type PageTab<V extends string> = { value: V; label: string; testId?: string }

/**
 * The head of a Moota admin page with views (the review queue, the refunds): title, one line on what
 * the page is for, and the tabs between its views.
 */
export function PageHeader<V extends string>(props: {
  title: string
  subtitle: string
  tabs: PageTab<V>[]
  value: V
  onChange: (value: V) => void
}) {
  return (
    <div className="px-6 py-4">
      <Heading level="h1">{props.title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {props.subtitle}
      </Text>
      <Tabs value={props.value} onValueChange={(v) => props.onChange(v as V)} className="mt-3">
        <Tabs.List>
          {props.tabs.map((tab) => (
            <Tabs.Trigger key={tab.value} value={tab.value} data-testid={tab.testId}>
              {tab.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Tabs>
    </div>
  )
}
