import { Button, toast } from "@medusajs/ui"
import { useState } from "react"
import { useCheckNow, useMarkPaid, useRelease, type OrderPayment } from "../../lib/api"
import { accountLabel } from "../../lib/format"
import { NoteDialog, errorText, rupiah, useMootaText, afterSuccess } from "../../lib/ui"

/** The merchant's actions on an open payment: check now, release, mark as paid (each with a note). */
export function Actions({ orderId, payment: p, markPaidFirst }: { orderId: string; payment: OrderPayment; markPaidFirst: boolean }) {
  const { t } = useMootaText()
  const check = useCheckNow(orderId)
  const markPaid = useMarkPaid(orderId)
  const release = useRelease(orderId)
  const [dialog, setDialog] = useState<"mark-paid" | "release" | null>(null)
  const [bankId, setBankId] = useState(p.accounts[0]?.bank_id ?? "")
  if (!p.actions.check && !p.actions.mark_paid && !p.actions.release) {
    return null
  }
  const onCheck = () =>
    check.mutate(undefined, {
      onSuccess: ({ payment }) =>
        payment.refreshed.length
          ? toast.success(t("widget.checked", { count: payment.refreshed.length }))
          : toast.info(t("widget.throttled", { status: t(`status.${payment.status}`) })),
      onError: (e) => toast.error(errorText(e)),
    })
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 px-6 py-4">
      {p.actions.check && (
        <Button size="small" variant="secondary" isLoading={check.isPending} onClick={onCheck}>
          {t("widget.actions.check")}
        </Button>
      )}
      {p.actions.release && (
        <Button size="small" variant="secondary" onClick={() => setDialog("release")}>
          {t("widget.actions.release")}
        </Button>
      )}
      {p.actions.mark_paid && (
        <Button size="small" variant={markPaidFirst ? "primary" : "secondary"} onClick={() => setDialog("mark-paid")}>
          {t("widget.actions.markPaid")}
        </Button>
      )}
      <NoteDialog
        open={dialog === "mark-paid"}
        onOpenChange={(open) => {
          setDialog(open ? "mark-paid" : null)
          markPaid.reset()
        }}
        title={t("widget.markPaidTitle")}
        description={t("widget.markPaidText", { amount: rupiah(p.transfer_amount) })}
        confirmLabel={t("widget.actions.markPaid")}
        choice={
          p.accounts.length > 1
            ? {
                label: t("widget.markPaidAccount"),
                value: bankId,
                onChange: setBankId,
                options: p.accounts.map((a) => ({ value: a.bank_id, label: accountLabel(a) })),
              }
            : undefined
        }
        busy={markPaid.isPending}
        error={markPaid.error ? errorText(markPaid.error) : null}
        onConfirm={(note) =>
          afterSuccess(markPaid.mutateAsync({ note, bank_id: bankId || undefined }), () => {
            setDialog(null)
            toast.success(t("widget.markPaidDone"))
          })
        }
      />
      <NoteDialog
        open={dialog === "release"}
        onOpenChange={(open) => {
          setDialog(open ? "release" : null)
          release.reset()
        }}
        title={t("widget.releaseTitle")}
        description={t(p.transaction ? "widget.releaseTextOwn" : "widget.releaseText", { amount: rupiah(p.transfer_amount) })}
        confirmLabel={t("widget.actions.release")}
        busy={release.isPending}
        error={release.error ? errorText(release.error) : null}
        onConfirm={(note) =>
          afterSuccess(release.mutateAsync({ note }), () => {
            setDialog(null)
            toast.success(t("widget.releaseDone"))
          })
        }
      />
    </div>
  )
}

