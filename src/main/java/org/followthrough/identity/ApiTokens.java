package org.followthrough.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: shown once when created, stored as a SHA-256 hash, revocable. A token is 32 random
 * bytes, so a fast hash is as safe as a slow one here and keeps every API call cheap.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "ft_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient db;
    private final AgentQueries agents;
    private final Clock clock;

    private final AuditLog audit;

    ApiTokens(JdbcClient db, AgentQueries agents, Clock clock, AuditLog audit) {
        this.db = db;
        this.agents = agents;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new token; its secret is in the result and nowhere else. */
    public record Issued(ApiToken token, String secret) {}

    @Transactional
    public Issued issue(String name, AgentId agent, AgentId createdBy) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return issueWithSecret(
                name,
                agent,
                createdBy,
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Registers a secret chosen by automation (FOLLOWTHROUGH_API_TOKEN) rather than generated. */
    @Transactional
    public Issued issueWithSecret(String name, AgentId agent, AgentId createdBy, String secret) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (secret.length() < 20) {
            throw new InvalidInputException("token", "must have at least 20 characters");
        }
        agents.get(agent);
        var id = Ids.newId();
        db.sql("""
                insert into api_token (id, name, token_hash, token_prefix, agent_id, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        name.strip(),
                        hash(secret),
                        secret.substring(0, Math.min(8, secret.length())),
                        agent.value(),
                        createdBy == null ? null : createdBy.value(),
                        Sql.ts(clock.instant()))
                .update();
        audit.record(
                CurrentActor.get(),
                "api_token",
                id,
                "issued",
                null,
                Map.of("name", name.strip(), "agent", agent.toString()));
        return new Issued(get(id), secret);
    }

    public List<ApiToken> all() {
        return db.sql(SELECT + " order by t.revoked_at nulls first, t.created_at desc")
                .query(ApiTokens::token)
                .list();
    }

    public ApiToken get(UUID id) {
        return db.sql(SELECT + " where t.id = ?")
                .param(id)
                .query(ApiTokens::token)
                .optional()
                .orElseThrow(() -> new NotFoundException("API token", id));
    }

    @Transactional
    public void revoke(UUID id) {
        get(id);
        db.sql("update api_token set revoked_at = coalesce(revoked_at, ?) where id = ?")
                .params(Sql.ts(clock.instant()), id)
                .update();
        audit.record(CurrentActor.get(), "api_token", id, "revoked", null, null);
    }

    /** The active agent a presented secret belongs to, if the token exists and is not revoked. */
    Optional<SignedInAgent> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        var now = clock.instant();
        var found = db.sql("""
                select t.id, a.id as agent_id, a.email, a.display_name, a.role, a.time_zone
                from api_token t join agent a on a.id = t.agent_id
                where t.token_hash = ? and t.revoked_at is null and a.active""")
                .param(hash(secret))
                .query((rs, n) -> new Object[] {
                    Sql.uuid(rs, "id"),
                    new SignedInAgent(
                            new AgentId(Sql.uuid(rs, "agent_id")),
                            rs.getString("email"),
                            rs.getString("display_name"),
                            Role.valueOf(rs.getString("role")),
                            rs.getString("time_zone"))
                })
                .optional();
        found.ifPresent(row -> db.sql(
                        "update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Sql.ts(now), row[0], Sql.ts(now.minus(LAST_USED_GRANULARITY)))
                .update());
        return found.map(row -> (SignedInAgent) row[1]);
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            select t.id, t.name, t.token_prefix, t.agent_id, a.display_name, t.created_at, t.last_used_at, t.revoked_at
            from api_token t join agent a on a.id = t.agent_id""";

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                Sql.uuid(rs, "id"),
                rs.getString("name"),
                rs.getString("token_prefix"),
                new AgentId(Sql.uuid(rs, "agent_id")),
                rs.getString("display_name"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_used_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
