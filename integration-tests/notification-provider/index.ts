import type { ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, ModuleProvider, Modules } from "@medusajs/framework/utils"

/**
 * A notification provider for the tests: keeps every message it is asked to send, and fails on
 * demand. The app and the spec share one jest process (inApp), so the record lives on globalThis.
 */
export type Recorder = {
  sent: ProviderSendNotificationDTO[]
  /** Every call, failed ones included. */
  calls: number
  /** While true, send() throws as a provider outage would. */
  failing: boolean
}

const KEY = Symbol.for("medusa-payment-moota.recording-notification-provider")

export function recorder(): Recorder {
  const g = globalThis as unknown as Record<symbol, Recorder | undefined>
  return (g[KEY] ??= { sent: [], calls: 0, failing: false })
}

export function resetRecorder(): void {
  const r = recorder()
  r.sent = []
  r.calls = 0
  r.failing = false
}

class RecordingNotificationService extends AbstractNotificationProviderService {
  static identifier = "moota-recording"

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const r = recorder()
    r.calls++
    if (r.failing) {
      throw new Error("recording provider is down")
    }
    r.sent.push(JSON.parse(JSON.stringify(notification)))
    return { id: `rec_${r.sent.length}` }
  }
}

export default ModuleProvider(Modules.NOTIFICATION, { services: [RecordingNotificationService] })
