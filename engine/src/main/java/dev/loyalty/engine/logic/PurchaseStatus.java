package dev.loyalty.engine.logic;

/** The states of a purchase. AUTHORIZED goes to CAPTURED, VOIDED or EXPIRED; CAPTURED may be refunded. */
enum PurchaseStatus
{
    AUTHORIZED, CAPTURED, VOIDED, EXPIRED, PARTIALLY_REFUNDED, REFUNDED;

    boolean captured()
    {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
