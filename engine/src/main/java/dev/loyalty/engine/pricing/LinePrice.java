package dev.loyalty.engine.pricing;

/** One priced line, as a fiscal cheque prints it: {@code paid = amount - discount - pointsPaid}. */
public record LinePrice(String sku, long amount, long discount, long pointsPaid, long paid)
{
}
