package org.followthrough.testing.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends generated requests to every operation of the app's OpenAPI document: well-formed ones and
 * ones with wrong types and shapes, NUL, unpaired surrogates, bidi overrides, huge strings, missing
 * and unknown fields, odd content types, odd paths and odd methods. The contract it holds the API
 * to: never a 5xx, and every 4xx an RFC 9457 problem document. Seeded, so a run can be repeated.
 *
 * <p>Also runs on its own against a running app: {@code ContractFuzzer --base-url URL --token T
 * --requests N --seed S} (see {@code bench/fuzz.sh}).
 */
public final class ContractFuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Values that have broken, or could break, a handler that trusts its input. */
    private static final List<Object> NASTY = List.of(
            "\u0000",
            "a\u0000b",
            "\ud800",
            "x\udc00y",
            "x\u202egnp.exe@cust.test",
            "zero\u200bwidth",
            "next\u0085line",
            "two\nlines\ttab\r\n",
            "\u2028",
            "\uFEFFbom",
            "x".repeat(100_000),
            "\u00e9".repeat(3_000),
            "😀".repeat(1_000),
            "",
            " ",
            "null",
            "' OR 1=1 --",
            "%00",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "\\",
            "\"",
            "9".repeat(40),
            "-1",
            "0",
            "not-a-uuid",
            "00000000-0000-0000-0000-000000000000",
            "2026-02-30T25:61:00Z",
            new RawJson("1e309"),
            new RawJson("-1"),
            new RawJson("9223372036854775808"),
            new RawJson("3.5"),
            new RawJson("true"),
            new RawJson("[]"),
            new RawJson("{}"),
            new RawJson("null"),
            new RawJson("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
            new RawJson("{\"a\":{\"b\":{\"c\":[1,\"x\",null,{}]}}}"));

    private static final List<String> CONTENT_TYPES = List.of(
            "",
            "text/plain",
            "multipart/form-data",
            "multipart/form-data; boundary=fuzz",
            "application/x-www-form-urlencoded",
            "application/xml",
            "application/json; charset=ISO-8859-1",
            "application/json; charset=nonsense",
            "application/merge-patch+json",
            "application/json;;",
            "garbage",
            "*/*");

    private static final List<String> ACCEPTS =
            List.of("text/html", "application/xml", "image/png", "*/*", "application/problem+json", "garbage/");

    private static final List<String> PATH_VALUES = List.of(
            "%00",
            "..",
            "%2e%2e",
            "%2f",
            "a%2fb",
            "not-a-uuid",
            "-1",
            "99999999999999999999",
            "a;b=c",
            "%ED%A0%80",
            "%E2%80%AE",
            "%",
            "%zz",
            "x".repeat(300),
            "",
            "00000000-0000-0000-0000-000000000000");

    private static final List<String> QUERY_VALUES = List.of(
            "%00",
            "a%00b",
            "%ED%A0%80",
            "%E2%80%AEgnp",
            "%C2%85",
            "abc",
            "-1",
            "0",
            "99999999999999999999",
            "true",
            "",
            "%",
            "%zz",
            "x".repeat(3000),
            "not-a-uuid",
            "2026-13-45");

    /** JSON text placed into a body as it is. */
    private record RawJson(String text) {}

    /** One operation of the document. */
    private record Operation(String method, String path, JsonNode spec) {}

    /** A request that broke the contract and what came back. */
    public record Failure(String method, String target, String contentType, String body, int status, String answer) {

        @Override
        public String toString() {
            return method + " " + shorten(target, 200) + " [" + contentType + "] " + shorten(body, 200) + " -> "
                    + status + " " + shorten(answer, 300);
        }
    }

    /** What a run did. */
    public record Report(
            int requests,
            Map<Integer, Integer> statuses,
            int serverErrors,
            List<Failure> failures,
            List<String> neverSucceeded) {

        @Override
        public String toString() {
            var text = new StringBuilder("requests: " + requests + ", 5xx: " + serverErrors + ", contract failures: "
                    + failures.size() + ", statuses: " + statuses + "\noperations that never answered 2xx: "
                    + neverSucceeded);
            failures.stream().limit(40).forEach(f -> text.append("\n  ").append(f));
            return text.toString();
        }
    }

    private final RawHttp http;
    private final String token;
    private final Random random;
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, List<String>> ids = new TreeMap<>();

    public ContractFuzzer(int port, String token, long seed) {
        this.http = new RawHttp(port);
        this.token = token;
        this.random = new Random(seed);
        var answer = http.send("GET", "/v3/api-docs", headers("application/json", null), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("no OpenAPI document: " + answer.status() + " " + answer.body());
        }
        this.document = JSON.readTree(answer.body());
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> operations.add(
                                new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()))));
        if (operations.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document has no operations");
        }
        seed();
        collectIds();
    }

    /** A few cases, customers and promises to aim at, so well-formed requests reach real rows. */
    private void seed() {
        for (int i = 0; i < 3; i++) {
            var body = new LinkedHashMap<String, Object>();
            body.put(
                    "customer",
                    Map.of(
                            "name",
                            "Fuzz customer " + i,
                            "email",
                            "seed" + random.nextInt(1_000_000_000) + "@fuzz.test"));
            body.put("subject", "Fuzz case " + i);
            body.put("body", "Starts the run");
            var opened = http.send(
                    "POST", "/api/v1/cases", headers("application/json", "application/json"), bytes(write(body)));
            if (opened.status() != 201) {
                continue;
            }
            var id = JSON.readTree(opened.body()).path("id").asString();
            var promise = Map.of("description", "Call back " + i, "dueAt", "2030-01-01T10:00:00Z");
            http.send(
                    "POST",
                    "/api/v1/cases/" + id + "/promises",
                    headers("application/json", "application/json"),
                    bytes(write(promise)));
        }
    }

    public List<String> operations() {
        return operations.stream().map(o -> o.method() + " " + o.path()).toList();
    }

    /** Sends {@code requests} requests and reports every one that broke the contract. */
    public Report run(int requests) {
        var statuses = new TreeMap<Integer, Integer>();
        var failures = new ArrayList<Failure>();
        var succeeded = new HashSet<String>();
        int serverErrors = 0;
        for (int i = 0; i < requests; i++) {
            if (i > 0 && i % 1000 == 0) {
                collectIds();
            }
            var request = next();
            RawHttp.Response answer;
            try {
                answer = http.send(request.method, request.target, request.headers, request.body);
            } catch (RuntimeException e) {
                failures.add(request.failure(-1, e.toString()));
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() < 300 && request.operation.startsWith(request.method + " ")) {
                succeeded.add(request.operation);
            }
            if (answer.status() >= 500) {
                serverErrors++;
                failures.add(request.failure(answer.status(), answer.body()));
            } else if (answer.status() >= 400 && !isProblem(request.method, answer)) {
                failures.add(request.failure(answer.status(), answer.contentType() + " " + answer.body()));
            }
        }
        var never = operations().stream().filter(o -> !succeeded.contains(o)).toList();
        return new Report(requests, statuses, serverErrors, failures, never);
    }

    private static boolean isProblem(String method, RawHttp.Response answer) {
        if (!answer.isProblem()) {
            return false;
        }
        if (method.equals("HEAD")) {
            return true;
        }
        try {
            var body = JSON.readTree(answer.body());
            return body.isObject() && body.path("status").asInt() == answer.status();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private final class Request {
        String operation;
        String method;
        String target;
        Map<String, String> headers;
        byte[] body;

        Failure failure(int status, String answer) {
            return new Failure(
                    method,
                    target,
                    headers.getOrDefault("Content-Type", ""),
                    body == null ? "" : new String(body, StandardCharsets.UTF_8),
                    status,
                    answer);
        }
    }

    private Request next() {
        var operation = operations.get(random.nextInt(operations.size()));
        var request = new Request();
        request.operation = operation.method() + " " + operation.path();
        request.method = operation.method();
        int mutation = random.nextInt(10);
        // 0-2: well-formed; 3-4: a bad field; 5: bad body shape or bytes; 6: odd content type or
        // accept; 7: odd path value; 8: odd query; 9: odd method or path shape.
        request.target = path(operation, mutation == 7) + query(operation, mutation == 8);
        var contentType = "application/json";
        if (operation.method().equals("PATCH")) {
            contentType = "application/merge-patch+json";
        }
        var accept = "application/json";
        var schema = bodySchema(operation);
        if (schema != null || mutation == 5 || mutation == 6) {
            request.body = body(schema, mutation);
        }
        if (mutation == 6) {
            if (random.nextBoolean()) {
                contentType = pick(CONTENT_TYPES);
            } else {
                accept = pick(ACCEPTS);
            }
        }
        if (mutation == 9) {
            switch (random.nextInt(4)) {
                case 0 -> request.method = pick(METHODS);
                case 1 -> request.target = request.target.replaceFirst("/api/v1/", "/api/v1//");
                case 2 -> request.target = request.target.replaceFirst("(/api/v1/[^/?]+)", "$1;x=1");
                default -> request.target = request.target.replaceFirst("/api/v1/", "/api/v1/%2e/");
            }
        }
        request.headers = headers(accept, request.body == null ? null : contentType);
        return request;
    }

    private Map<String, String> headers(String accept, String contentType) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", accept);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null && !contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private String path(Operation operation, boolean odd) {
        var path = operation.path();
        var matcher = Pattern.compile("\\{([^}]+)}").matcher(path);
        var result = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            var value = odd ? pick(PATH_VALUES) : validPathValue(path, name, matcher.start());
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String validPathValue(String path, String name, int at) {
        if (name.equals("number")) {
            var numbers = ids.getOrDefault("numbers", List.of());
            return !numbers.isEmpty() && random.nextInt(5) > 0 ? pick(numbers) : String.valueOf(random.nextInt(2000));
        }
        var collection = path.substring(0, at);
        var known = ids.getOrDefault(collection, List.of());
        if (!known.isEmpty() && random.nextInt(5) > 0) {
            return pick(known);
        }
        return UUID.randomUUID().toString();
    }

    private String query(Operation operation, boolean odd) {
        var parts = new ArrayList<String>();
        for (var parameter : operation.spec().path("parameters")) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            var name = parameter.path("name").asString();
            if (odd && random.nextInt(3) == 0) {
                parts.add(name + "=" + pick(QUERY_VALUES));
            } else if (parameter.path("required").asBoolean() || random.nextInt(3) == 0) {
                var value = valid(parameter.path("schema"), name, 0);
                parts.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        }
        if (odd) {
            switch (random.nextInt(3)) {
                case 0 -> parts.add(pick(QUERY_VALUES) + "=" + pick(QUERY_VALUES));
                case 1 -> parts.add("limit=" + pick(QUERY_VALUES) + "&limit=" + pick(QUERY_VALUES));
                default -> parts.add("q=" + pick(QUERY_VALUES));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private JsonNode bodySchema(Operation operation) {
        var content = operation.spec().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return null;
        }
        return resolve(content.properties().iterator().next().getValue().path("schema"));
    }

    private byte[] body(JsonNode schema, int mutation) {
        if (mutation == 5) {
            return switch (random.nextInt(8)) {
                case 0 -> bytes("\"x\"");
                case 1 -> bytes("[]");
                case 2 -> bytes("null");
                case 3 -> bytes("{");
                case 4 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
                case 5 -> bytes("[".repeat(3000) + "]".repeat(3000));
                case 6 -> bytes("\uFEFF{}");
                default -> new byte[0];
            };
        }
        var value = schema == null ? new LinkedHashMap<String, Object>() : valid(schema, "", 0);
        if ((mutation == 3 || mutation == 4) && value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            var fields = (Map<String, Object>) map;
            corrupt(fields, schema);
        }
        return bytes(write(value));
    }

    /** Makes one field bad: a nasty value, a removed required field, a nested field or an unknown one. */
    private void corrupt(Map<String, Object> fields, JsonNode schema) {
        var names = new ArrayList<String>();
        schema.path("properties").propertyNames().forEach(names::add);
        switch (random.nextInt(4)) {
            case 0 -> fields.put("unknownField" + random.nextInt(3), pick(NASTY));
            case 1 -> {
                if (!names.isEmpty()) {
                    fields.remove(pick(names));
                }
            }
            default -> {
                if (names.isEmpty()) {
                    fields.put("x", pick(NASTY));
                    return;
                }
                var name = pick(names);
                var property = resolve(schema.path("properties").path(name));
                if (property.path("type").asString().equals("object") && random.nextBoolean()) {
                    var nested = new LinkedHashMap<String, Object>();
                    property.path("properties").propertyNames().forEach(n -> nested.put(n, pick(NASTY)));
                    fields.put(name, nested);
                } else if (property.path("type").asString().equals("array") && random.nextBoolean()) {
                    fields.put(name, List.of(valid(property.path("items"), name, 1), pick(NASTY)));
                } else {
                    fields.put(name, pick(NASTY));
                }
            }
        }
    }

    private Object valid(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            var values = new ArrayList<String>();
            schema.path("enum").forEach(v -> values.add(v.asString()));
            return pick(values);
        }
        var type = schema.path("type").asString();
        var format = schema.path("format").asString();
        return switch (type) {
            case "integer" ->
                name.toLowerCase(Locale.ROOT).contains("limit") ? 1 + random.nextInt(100) : random.nextInt(100);
            case "number" -> random.nextDouble() * 100;
            case "boolean" -> random.nextBoolean();
            case "array" -> {
                var items = new ArrayList<Object>();
                int n = depth > 2 ? 0 : random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    items.add(valid(schema.path("items"), name, depth + 1));
                }
                yield items;
            }
            case "object" -> {
                var fields = new LinkedHashMap<String, Object>();
                var required = new ArrayList<String>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                if (depth < 3) {
                    schema.path("properties").properties().forEach(p -> {
                        if (required.contains(p.getKey()) || random.nextInt(10) < 4) {
                            fields.put(p.getKey(), valid(p.getValue(), p.getKey(), depth + 1));
                        }
                    });
                }
                yield fields;
            }
            default -> text(name, format);
        };
    }

    private String text(String name, String format) {
        var lower = name.toLowerCase(Locale.ROOT);
        if (format.equals("uuid") || lower.endsWith("id")) {
            var known = ids.values().stream().flatMap(List::stream).toList();
            return !known.isEmpty() && random.nextBoolean()
                    ? pick(known)
                    : UUID.randomUUID().toString();
        }
        if (format.equals("date-time") || lower.endsWith("at")) {
            return Instant.parse("2026-12-08T10:00:00Z")
                    .plusSeconds(random.nextInt(30 * 86_400))
                    .toString();
        }
        if (lower.contains("email") || lower.equals("address")) {
            return "fuzz" + random.nextInt(1_000_000) + "@fuzz.test";
        }
        if (lower.contains("timezone")) {
            return pick(List.of("UTC", "Europe/London", "America/New_York"));
        }
        if (lower.equals("language")) {
            return "en";
        }
        if (lower.contains("host")) {
            return "mail.fuzz.invalid";
        }
        return pick(List.of(
                "Printer on fire",
                "Zoë Ünicode",
                "ok",
                "Refund for order 1234",
                "שלום עולם",
                "emoji 👩‍💻",
                "line one\nline two",
                "tomorrow by 5pm"));
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            var ref = schema.path("$ref").asString();
            schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    /** Ids of things that exist, per collection path, so that well-formed requests reach real rows. */
    private void collectIds() {
        for (var operation : operations) {
            if (!operation.method().equals("GET") || operation.path().contains("{")) {
                continue;
            }
            var answer = http.send("GET", operation.path(), headers("application/json", null), null);
            if (answer.status() != 200) {
                continue;
            }
            var body = JSON.readTree(answer.body());
            var found = new ArrayList<String>();
            var numbers = new ArrayList<String>();
            body.path("items").forEach(item -> {
                if (item.path("id").isString()) {
                    found.add(item.path("id").asString());
                }
                if (item.path("number").isNumber()) {
                    numbers.add(item.path("number").asString());
                }
            });
            if (!numbers.isEmpty()) {
                ids.put("numbers", numbers.subList(0, Math.min(numbers.size(), 20)));
            }
            if (!found.isEmpty()) {
                ids.put(operation.path() + "/", found.subList(0, Math.min(found.size(), 20)));
            }
        }
        var entries = new ArrayList<String>();
        for (var caseId :
                ids.getOrDefault("/api/v1/cases/", List.of()).stream().limit(3).toList()) {
            var answer =
                    http.send("GET", "/api/v1/cases/" + caseId + "/entries", headers("application/json", null), null);
            if (answer.status() == 200) {
                JSON.readTree(answer.body())
                        .path("items")
                        .forEach(item -> entries.add(item.path("id").asString()));
            }
        }
        if (!entries.isEmpty()) {
            ids.put("entries", entries);
        }
    }

    /** The ids a field of this name refers to, by its name ({@code customerId}, {@code toTeamId}). */
    private List<String> idsFor(String field) {
        var lower = field.toLowerCase(Locale.ROOT);
        String collection;
        if (lower.contains("entry")) {
            collection = "entries";
        } else if (lower.contains("customer")) {
            collection = "/api/v1/customers/";
        } else if (lower.contains("case")) {
            collection = "/api/v1/cases/";
        } else if (lower.contains("team")) {
            collection = "/api/v1/teams/";
        } else if (lower.contains("owner") || lower.contains("agent")) {
            collection = "/api/v1/agents/";
        } else {
            return ids.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("/"))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
        return ids.getOrDefault(collection, List.of());
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text with every non-ASCII character escaped, so unpaired surrogates arrive as escapes. */
    static String write(Object value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case RawJson raw -> out.append(raw.text());
            case String text -> {
                out.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
            case Map<?, ?> map -> {
                out.append('{');
                var first = true;
                for (var entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    private static String shorten(String text, int max) {
        var oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > max ? oneLine.substring(0, max) + "…(" + oneLine.length() + ")" : oneLine;
    }

    /** {@code --base-url http://localhost:8080 --token ft_... --requests 20000 --seed 1} */
    public static void main(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var base = URI.create(options.getOrDefault("base-url", "http://localhost:8080"));
        var fuzzer = new ContractFuzzer(
                base.getPort(),
                options.getOrDefault("token", System.getenv("FOLLOWTHROUGH_API_TOKEN")),
                Long.parseLong(options.getOrDefault("seed", "1")));
        int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        long started = System.nanoTime();
        var report = fuzzer.run(requests);
        System.out.println("operations: " + fuzzer.operations().size());
        System.out.println(report);
        System.out.printf("took %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }
}
