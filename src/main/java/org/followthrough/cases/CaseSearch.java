package org.followthrough.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Full-text search over case subjects and timeline text (PostgreSQL tsvector with GIN), ranked, with
 * highlighted passages. A case number ({@code #1042}) goes straight to that case. When the words
 * match nothing, subjects with similar words are offered instead (trigrams), so a typo still finds.
 */
@Service
public class CaseSearch {

    /** Matches considered for ranking per source: bounds the cost of very common words. */
    private static final int CANDIDATES = 200;

    /**
     * For a word that matches more than this, GIN returns a random sample of about this many matches
     * instead of building a bitmap of all of them (hundreds of thousands at a million cases).
     */
    private static final int FUZZY_LIMIT = 2000;

    /**
     * How alike a mistyped word and a subject's word must be (the share of the query's trigrams the
     * subject has): one wrong, missing or swapped letter in a word of five or more passes.
     */
    private static final String WORD_SIMILARITY = "0.5";

    /** Shorter queries are alike to too much to be worth a guess. */
    private static final int MIN_SIMILAR_LENGTH = 4;

    private static final Pattern CASE_NUMBER = Pattern.compile("#?(\\d{1,12})");
    /**
     * The user's words as a query. A letter-hyphen-digit joint is split as it is in the indexed text
     * (see the V1 migration), so {@code ORD-7155853} and {@code 7155853} find the same entries.
     */
    private static final String TSQUERY =
            "websearch_to_tsquery('english', regexp_replace(:q, '([[:alpha:]])-([[:digit:]])', '\\1 \\2', 'g'))";

    private static final String MARK_START = "\u0002";
    private static final String MARK_END = "\u0003";

    private final JdbcClient db;
    private final CaseQueries queries;
    private final CaseAccess access;

    CaseSearch(JdbcClient db, CaseQueries queries, CaseAccess access) {
        this.db = db;
        this.queries = queries;
        this.access = access;
    }

    /**
     * The cases this scope may read that match, best first. Cases out of reach are left out before
     * ranking, so they neither show nor take the place of one that may be shown.
     */
    @Transactional(readOnly = true)
    public List<CaseHit> search(String query, CaseAccess.Scope scope, int limit) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        var q = query.strip();
        var hits = new ArrayList<CaseHit>();
        var number = CASE_NUMBER.matcher(q);
        if (number.matches()) {
            queries.findByNumber(Long.parseLong(number.group(1)), scope)
                    .ifPresent(c -> hits.add(new CaseHit(c, null, HtmlUtils.htmlEscape(c.subject()), 1000)));
        }
        // Local to this transaction: tag filters elsewhere need exact GIN results, and a custom plan
        // lets the planner see the words and how common they are.
        db.sql(
                        "select set_config('gin_fuzzy_search_limit', ?, true), set_config('plan_cache_mode', 'force_custom_plan', true)")
                .param(String.valueOf(FUZZY_LIMIT))
                .query((rs, n) -> 1)
                .single();
        var subjectsVisible = access.visible(scope, "c");
        var entriesVisible = access.visibleCaseId(scope, "e.case_id");
        List<Row> rows = db.sql("""
                with subject_hits as (
                    select c.id as case_id, null::uuid as entry_id, c.subject as text,
                           ts_rank(c.search, %1$s) * 2 as rank
                    from support_case c where c.search @@ %1$s and %2$s limit :candidates),
                entry_hits as (
                    select e.case_id, e.id as entry_id, null as text,
                           ts_rank(e.search, %1$s) as rank
                    from case_entry e where e.search @@ %1$s and %3$s limit :candidates),
                best as (
                    select distinct on (case_id) * from (select * from subject_hits union all select * from entry_hits) h
                    order by case_id, rank desc),
                top as (select * from best order by rank desc, case_id limit :limit)
                select top.case_id, top.entry_id, top.rank,
                       ts_headline('english', coalesce(top.text, e.body), %1$s,
                           'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                           || ', MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "') as snippet
                from top left join case_entry e on e.id = top.entry_id
                order by top.rank desc, top.case_id""".formatted(TSQUERY, subjectsVisible.namedSql("sv"), entriesVisible.namedSql("ev")))
                .params(subjectsVisible.namedParams("sv"))
                .params(entriesVisible.namedParams("ev"))
                .param("q", q)
                .param("candidates", CANDIDATES)
                .param("limit", limit)
                .query((rs, n) -> new Row(
                        Sql.uuid(rs, "case_id"),
                        Sql.uuid(rs, "entry_id"),
                        rs.getDouble("rank"),
                        rs.getString("snippet")))
                .list();
        if (rows.isEmpty() && hits.isEmpty()) {
            rows = similarSubjects(q, scope, limit);
        }
        var views =
                queries.getAll(rows.stream().map(r -> new CaseId(r.caseId())).toList());
        for (var row : rows) {
            views.stream()
                    .filter(v -> v.id().value().equals(row.caseId()))
                    .findFirst()
                    .filter(v ->
                            hits.stream().noneMatch(h -> h.supportCase().id().equals(v.id())))
                    .ifPresent(v -> hits.add(new CaseHit(v, row.entryId(), highlighted(row.snippet()), row.rank())));
        }
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    /**
     * When the words match nothing, perhaps they were mistyped: subjects with a word like them
     * (trigram word similarity, from the GIN trigram index on the subject), most alike first among
     * the first {@link #CANDIDATES} found: a typo of a common word (50,000 subjects at a million
     * cases) would otherwise recheck every one of them, over a second. Only the subject: a typo in timeline text is
     * left to the customer's name and number.
     */
    private List<Row> similarSubjects(String q, CaseAccess.Scope scope, int limit) {
        if (q.length() < MIN_SIMILAR_LENGTH) {
            return List.of();
        }
        db.sql("select set_config('pg_trgm.word_similarity_threshold', ?, true)")
                .param(WORD_SIMILARITY)
                .query((rs, n) -> 1)
                .single();
        var visible = access.visible(scope, "c");
        return db.sql("""
                select case_id, subject, word_similarity(:q, subject) as rank from (
                    select c.id as case_id, c.subject from support_case c
                    where :q <%% c.subject and %s limit :candidates) candidates
                order by rank desc, case_id limit :limit""".formatted(visible.namedSql("sv")))
                .params(visible.namedParams("sv"))
                .param("q", q)
                .param("candidates", CANDIDATES)
                .param("limit", limit)
                .query((rs, n) -> new Row(Sql.uuid(rs, "case_id"), null, rs.getDouble("rank"), rs.getString("subject")))
                .list();
    }

    /** Escapes the passage, then turns the match markers PostgreSQL placed into {@code <mark>}. */
    static String highlighted(String snippet) {
        if (snippet == null) {
            return "";
        }
        return HtmlUtils.htmlEscape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>");
    }

    private record Row(UUID caseId, UUID entryId, double rank, String snippet) {}
}
