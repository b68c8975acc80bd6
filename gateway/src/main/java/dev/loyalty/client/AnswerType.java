package dev.loyalty.client;

/** What an answer frame is, by its template id. */
public enum AnswerType
{
    /** The key was accepted ({@code AuthOk}). */
    AUTH_OK,
    /** The answer to a ping. */
    PONG,
    /** An error ({@link ErrorView}). */
    ERROR,
    /** The authorize shape ({@link PurchaseView}): authorize, one-shot, calculate, purchase lookup. */
    PURCHASE,
    /** A capture ({@link CaptureView}). */
    CAPTURE,
    /** A void ({@link VoidView}). */
    VOID,
    /** A refund ({@link RefundView}). */
    REFUND,
    /** A member's profile ({@link MemberView}). */
    MEMBER,
    /** An activity ({@link ActivityView}). */
    ACTIVITY,
    /** A template id this client does not know (a newer server). */
    UNKNOWN
}
