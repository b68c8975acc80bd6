package dev.loyalty.tools.load;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.concurrent.TimeUnit;

/** A duration flag in nanoseconds: {@code 500ms}, {@code 30s}, {@code 2m}, or a bare number of seconds. */
final class DurationConverter implements ITypeConverter<Long>
{
    public Long convert(final String value)
    {
        final String v = value.trim();
        try
        {
            if (v.endsWith("ms"))
            {
                return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s"))
            {
                return TimeUnit.SECONDS.toNanos(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m"))
            {
                return TimeUnit.MINUTES.toNanos(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return TimeUnit.SECONDS.toNanos(Long.parseLong(v));
        }
        catch (final NumberFormatException ex)
        {
            throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s or 2m");
        }
    }
}
