package dev.loyalty.engine.command;

/** One cheque line: {@code amount = qty * unitPrice} minor units. {@code category} may be null. */
public record Line(String sku, String category, long qty, long unitPrice)
{
}
