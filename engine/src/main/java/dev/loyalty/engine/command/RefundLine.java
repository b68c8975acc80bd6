package dev.loyalty.engine.command;

/** A quantity of one SKU to refund; matched to the purchase's lines by sku in cheque order. */
public record RefundLine(String sku, long qty)
{
}
