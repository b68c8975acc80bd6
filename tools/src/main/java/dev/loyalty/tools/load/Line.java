package dev.loyalty.tools.load;

/** One line of a cheque the load generator sends. Its amount is {@code qty * unitPrice}. */
public record Line(String sku, String category, long qty, long unitPrice)
{
    /** {@code qty * unitPrice}. */
    public long amount()
    {
        return qty * unitPrice;
    }
}
