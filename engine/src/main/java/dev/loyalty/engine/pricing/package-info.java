/** Pricing arithmetic: discounts, points payment, earning, refunds, largest-remainder spreading. */
package dev.loyalty.engine.pricing;
