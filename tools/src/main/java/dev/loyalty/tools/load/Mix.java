package dev.loyalty.tools.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The mix of operations, as weights: {@code authorize-capture=40,one-shot=30,refund=5,calculate=15,lookup=10}.
 * {@link #pick} maps a uniform draw in {@code [0, total)} to an operation.
 */
final class Mix
{
    /** The default mix. */
    static final String DEFAULT = "authorize-capture=40,one-shot=30,refund=5,calculate=15,lookup=10";

    /** What the load generator can do in one flow of requests. */
    enum Operation
    {
        /** Authorize (with redemption in some cheques), then capture what was authorized. */
        AUTHORIZE_CAPTURE("authorize-capture"),
        /** A one-shot purchase; remembered for a later refund. */
        ONE_SHOT("one-shot"),
        /** Refund one line of an earlier one-shot of the same connection (a one-shot while there is none). */
        REFUND("refund"),
        /** Price a cheque without holding anything. */
        CALCULATE("calculate"),
        /** Find a member by card. */
        LOOKUP("lookup");

        final String label;

        Operation(final String label)
        {
            this.label = label;
        }
    }

    private final Operation[] operations;
    private final int[] cumulative;
    private final int total;
    private final Map<Operation, Integer> weights;

    private Mix(final Map<Operation, Integer> weights)
    {
        this.weights = weights;
        operations = weights.keySet().toArray(new Operation[0]);
        cumulative = new int[operations.length];
        int sum = 0;
        for (int i = 0; i < operations.length; i++)
        {
            sum += weights.get(operations[i]);
            cumulative[i] = sum;
        }
        total = sum;
    }

    /** Parses {@code name=weight,...}; weights are integers >= 0 and at least one is above 0. */
    static Mix parse(final String text)
    {
        final Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
        for (final String part : text.split(","))
        {
            final String item = part.trim();
            if (item.isEmpty())
            {
                continue;
            }
            final int eq = item.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalArgumentException("'" + item + "' is not name=weight");
            }
            final Operation op = operation(item.substring(0, eq).trim());
            final int weight;
            try
            {
                weight = Integer.parseInt(item.substring(eq + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("the weight of " + op.label + " is not an integer: " + item);
            }
            if (weight < 0 || weight > 1_000_000)
            {
                throw new IllegalArgumentException("the weight of " + op.label + " must be 0..1000000");
            }
            if (weights.put(op, weight) != null)
            {
                throw new IllegalArgumentException(op.label + " is given twice");
            }
        }
        weights.values().removeIf(w -> w == 0);
        if (weights.isEmpty())
        {
            throw new IllegalArgumentException("the mix needs at least one operation with a weight above 0");
        }
        return new Mix(weights);
    }

    private static Operation operation(final String name)
    {
        for (final Operation op : Operation.values())
        {
            if (op.label.equals(name.toLowerCase(Locale.ROOT)))
            {
                return op;
            }
        }
        final StringBuilder names = new StringBuilder();
        for (final Operation op : Operation.values())
        {
            names.append(names.length() > 0 ? ", " : "").append(op.label);
        }
        throw new IllegalArgumentException("unknown operation '" + name + "' (known: " + names + ")");
    }

    /** The operation for a draw in {@code [0, total())}. */
    Operation pick(final int draw)
    {
        for (int i = 0; i < cumulative.length; i++)
        {
            if (draw < cumulative[i])
            {
                return operations[i];
            }
        }
        throw new IllegalArgumentException("draw " + draw + " is not below " + total);
    }

    int total()
    {
        return total;
    }

    boolean has(final Operation op)
    {
        return weights.containsKey(op);
    }

    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        weights.forEach((op, w) -> sb.append(sb.length() > 0 ? "," : "").append(op.label).append('=').append(w));
        return sb.toString();
    }
}
