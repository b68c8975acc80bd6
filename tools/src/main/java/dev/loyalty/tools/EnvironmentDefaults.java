package dev.loyalty.tools;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;

/**
 * Gives an option the value of its environment variable when the flag is not on the command line: a flag wins
 * over its variable, the variable over the built-in default. An empty variable counts as unset. The table maps
 * an option's long name to its variable's name.
 */
final class EnvironmentDefaults implements IDefaultValueProvider
{
    private final Map<String, String> variableByOption;
    private final Map<String, String> environment;

    EnvironmentDefaults(final Map<String, String> variableByOption, final Map<String, String> environment)
    {
        this.variableByOption = variableByOption;
        this.environment = environment;
    }

    public String defaultValue(final ArgSpec argSpec)
    {
        final String variable = variableOf(argSpec);
        if (variable == null)
        {
            return null;
        }
        final String value = environment.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The environment variable of an option, or null when it has none. */
    String variableOf(final ArgSpec argSpec)
    {
        return argSpec instanceof OptionSpec option ? variableByOption.get(option.longestName()) : null;
    }

    /** True when the option's value came from its environment variable: it is set, the flag is not in {@code args}. */
    boolean suppliedByEnvironment(final ArgSpec argSpec, final List<String> args)
    {
        if (!(argSpec instanceof OptionSpec option) || defaultValue(argSpec) == null)
        {
            return false;
        }
        for (final String arg : args)
        {
            for (final String name : option.names())
            {
                if (arg.equals(name) || arg.startsWith(name + "="))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
