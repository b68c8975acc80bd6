package dev.loyalty.tools;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.HttpGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "A checkout with curl" is true: every {@code curl} of it is sent, as written, to a freshly started
 * engine (its generated {@code data/admin.key} read the way the README's first block reads it), and each answer
 * must be the one the README prints after it — status and JSON alike, but for the fields that carry the clock's
 * time ({@code at}, {@code holdExpiresAt}), which the README says differ.
 * <p>
 * The README's shell is read by a small interpreter of just what it uses: {@code NAME=value} assignments with
 * {@code $(cat file)}, single and double quotes, {@code $NAME} expansion, line continuations, and curl's
 * {@code -s -w -H -X -d} options. A new kind of line makes the test fail, so the README stays pasteable.
 */
class ReadmeWalkthroughTest
{
    private static final Path ROOT = Path.of(System.getProperty("loyalty.repository.root", ".."));
    private static final String SECTION = "## A checkout with curl";
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=(.+)$");
    private static final Pattern ANSWER = Pattern.compile("^(.*) (\\d{3})$");
    private static final List<String> CLOCK_FIELDS = List.of("at", "holdExpiresAt");

    @TempDir
    Path workDir;

    @Test
    void shouldAnswerEveryCurlOfTheReadmeWalkthroughAsTheReadmePrintsIt() throws Exception
    {
        final List<Step> steps = steps(Files.readString(ROOT.resolve("README.md")));
        assertTrue(steps.size() >= 8, "the walkthrough's curl blocks and their answers: " + steps.size());

        final Path dataDir = workDir.resolve("data");
        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir));
            HttpGateway gateway = HttpGateway.start(engine, new GatewayContext()
                .bindAddress("127.0.0.1").httpPort(0).dataDir(dataDir)))
        {
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            final Map<String, String> variables = new HashMap<>();
            int curls = 0;
            for (final Step step : steps)
            {
                final List<String> commands = commands(step.script());
                final List<String> answers = step.answers();
                int answer = 0;
                for (final String command : commands)
                {
                    final Matcher assignment = ASSIGNMENT.matcher(command);
                    if (assignment.matches())
                    {
                        variables.put(assignment.group(1), String.join(" ", words(assignment.group(2), variables)));
                        continue;
                    }
                    final List<String> words = words(command, variables);
                    assertEquals("curl", words.get(0), "only curl and assignments in the walkthrough: " + command);
                    assertTrue(answer < answers.size(), "no answer printed in the README for: " + command);
                    final String printed = answers.get(answer++);
                    final Matcher expected = ANSWER.matcher(printed);
                    assertTrue(expected.matches(), "an answer is '<body> <status>': " + printed);

                    final HttpResponse<String> response =
                        client.send(request(words, gateway.port()), HttpResponse.BodyHandlers.ofString());
                    curls++;
                    assertEquals(Integer.parseInt(expected.group(2)), response.statusCode(),
                        command + "\nanswered " + response.body());
                    assertEquals(withoutClock(Json.parse(expected.group(1))), withoutClock(Json.parse(response.body())),
                        command + "\nREADME: " + expected.group(1) + "\nengine: " + response.body());
                }
                assertEquals(answers.size(), answer, "an answer in the README with no curl before it: " + answers);
            }
            assertTrue(curls >= 15, "curls sent: " + curls);
        }
    }

    /** Each bash block of the section, with the lines of the plain block after it (its answers; none after the first). */
    private static List<Step> steps(final String readme)
    {
        final int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README has no '" + SECTION + "'");
        final int end = readme.indexOf("\n## ", start + SECTION.length());
        final List<String> lines = readme.substring(start, end < 0 ? readme.length() : end).lines().toList();

        final List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).equals("```bash"))
            {
                continue;
            }
            final StringBuilder script = new StringBuilder();
            for (i++; !lines.get(i).equals("```"); i++)
            {
                script.append(lines.get(i)).append('\n');
            }
            final List<String> answers = new ArrayList<>();
            if (i + 1 < lines.size() && lines.get(i + 1).equals("```"))
            {
                for (i += 2; !lines.get(i).equals("```"); i++)
                {
                    answers.add(lines.get(i));
                }
            }
            steps.add(new Step(script.toString(), answers));
        }
        return steps;
    }

    /** The script's commands: continuation lines joined, blank lines dropped; a quote may span lines. */
    private static List<String> commands(final String script)
    {
        final List<String> commands = new ArrayList<>();
        final StringBuilder command = new StringBuilder();
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < script.length(); i++)
        {
            final char c = script.charAt(i);
            if (c == '\\' && !single && i + 1 < script.length() && script.charAt(i + 1) == '\n')
            {
                i++;
                continue;
            }
            if (c == '\n' && !single && !dbl)
            {
                if (!command.toString().isBlank())
                {
                    commands.add(command.toString().strip());
                }
                command.setLength(0);
                continue;
            }
            if (c == '\'' && !dbl)
            {
                single = !single;
            }
            else if (c == '"' && !single)
            {
                dbl = !dbl;
            }
            command.append(c);
        }
        assertTrue(!single && !dbl, "an unclosed quote in: " + script);
        if (!command.toString().isBlank())
        {
            commands.add(command.toString().strip());
        }
        return commands;
    }

    /** Splits a command into words as the shell does, expanding $NAME outside single quotes and $(cat file). */
    private List<String> words(final String command, final Map<String, String> variables) throws IOException
    {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++)
        {
            final char c = command.charAt(i);
            if (Character.isWhitespace(c))
            {
                if (inWord)
                {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'')
            {
                final int close = command.indexOf('\'', i + 1);
                word.append(command, i + 1, close);
                i = close;
            }
            else if (c == '"')
            {
                final int close = command.indexOf('"', i + 1);
                word.append(expand(command.substring(i + 1, close), variables));
                i = close;
            }
            else if (command.startsWith("$(", i))
            {
                final int close = command.indexOf(')', i);
                final String[] inner = command.substring(i + 2, close).split(" ");
                assertEquals("cat", inner[0], "only $(cat file) is understood: " + command);
                word.append(Files.readString(workDir.resolve(inner[1])).strip());
                i = close;
            }
            else if (c == '$')
            {
                int j = i + 1;
                while (j < command.length() && (Character.isLetterOrDigit(command.charAt(j)) || command.charAt(j) == '_'))
                {
                    j++;
                }
                word.append(expand(command.substring(i, j), variables));
                i = j - 1;
            }
            else
            {
                word.append(c);
            }
        }
        if (inWord)
        {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(final String text, final Map<String, String> variables)
    {
        final Matcher variable = Pattern.compile("\\$([A-Z_]+)").matcher(text);
        final StringBuilder out = new StringBuilder();
        while (variable.find())
        {
            final String value = variables.get(variable.group(1));
            assertTrue(value != null, "unset variable $" + variable.group(1) + " in " + text);
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(out).toString();
    }

    /** The request curl would send for these words; the README's localhost:8080 becomes the test server's port. */
    private static HttpRequest request(final List<String> words, final int port)
    {
        String method = null;
        String data = null;
        String url = null;
        final Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++)
        {
            switch (words.get(i))
            {
                case "-s" -> { }
                case "-w" -> i++;
                case "-X" -> method = words.get(++i);
                case "-d" -> data = words.get(++i);
                case "-H" ->
                {
                    final String header = words.get(++i);
                    final int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                default ->
                {
                    assertTrue(url == null && !words.get(i).startsWith("-"), "unknown curl word " + words.get(i));
                    url = words.get(i);
                }
            }
        }
        assertTrue(url != null && url.startsWith("localhost:8080/"), "a URL on localhost:8080: " + words);
        if (method == null)
        {
            method = data == null ? "GET" : "POST";
        }
        final HttpRequest.Builder builder = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + url.substring("localhost:8080".length())));
        if (data != null && !headers.containsKey("Content-Type"))
        {
            headers.put("Content-Type", "application/x-www-form-urlencoded");    // what curl -d sends
        }
        headers.forEach(builder::header);
        builder.method(method, data == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(data));
        return builder.build();
    }

    /** The answer with the clock's fields replaced by a marker, wherever they are nested. */
    @SuppressWarnings("unchecked")
    private static Object withoutClock(final Object value)
    {
        if (value instanceof Map<?, ?> map)
        {
            final Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>)map).forEach((key, v) -> copy.put(key,
                CLOCK_FIELDS.contains(key) && v instanceof String ? "<time>" : withoutClock(v)));
            return copy;
        }
        if (value instanceof List<?> list)
        {
            return list.stream().map(ReadmeWalkthroughTest::withoutClock).toList();
        }
        return value;
    }

    private record Step(String script, List<String> answers)
    {
    }
}
