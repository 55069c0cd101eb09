export { MootaAmountHold } from "./amount-hold"
export { MootaInboxMutation } from "./inbox-mutation"
export { MootaReservation } from "./reservation"
export { MootaReviewItem } from "./review-item"
