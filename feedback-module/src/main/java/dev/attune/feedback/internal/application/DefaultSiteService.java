package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.KeyKind;
import dev.attune.feedback.api.SiteKeys;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.internal.domain.ApiKeys;
import dev.attune.feedback.internal.persistence.JdbcSiteRepository;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DefaultSiteService implements SiteService {
    static final int MIN_RETENTION_DAYS = 1;
    static final int MAX_RETENTION_DAYS = 3650;

    @Inject
    JdbcSiteRepository sites;

    @Inject
    SiteKeyCache keyCache;

    @Inject
    SiteDirectory directory;

    @Inject
    AuditLog audit;

    @Override
    @Transactional
    public SiteKeys createSite(String name, List<String> allowedOrigins, ConsentMode consentMode) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            errors.add(new FieldError("name", "is required, 1 to 100 characters"));
        } else if (sites.nameTaken(trimmed)) {
            errors.add(new FieldError("name", "a site named '" + trimmed + "' exists already"));
        }
        List<String> origins = allowedOrigins == null ? List.of() : allowedOrigins;
        for (int i = 0; i < origins.size(); i++) {
            String problem = originProblem(origins.get(i));
            if (problem != null) {
                errors.add(new FieldError("allowedOrigins/" + i, problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid site", errors);
        }
        UUID id = UUID.randomUUID();
        String publicKey = ApiKeys.newPublicKey();
        String secretKey = ApiKeys.newSecretKey();
        sites.insert(
                id,
                trimmed,
                origins,
                ApiKeys.hash(publicKey),
                ApiKeys.displayPrefix(publicKey),
                ApiKeys.hash(secretKey),
                ApiKeys.displayPrefix(secretKey),
                consentMode);
        audit.record(
                "site.create",
                id.toString(),
                AuditOutcome.SUCCESS,
                Map.of("name", trimmed, "allowedOrigins", origins, "consentMode", consentMode.wireName()));
        return new SiteKeys(id, trimmed, List.copyOf(origins), publicKey, secretKey);
    }

    @Override
    public List<SiteSummary> listSites() {
        return sites.findAll();
    }

    @Override
    @Transactional
    public String rotateKey(UUID siteId, KeyKind kind) {
        String key = kind == KeyKind.SECRET ? ApiKeys.newSecretKey() : ApiKeys.newPublicKey();
        if (!sites.replaceKey(siteId, kind == KeyKind.SECRET, ApiKeys.hash(key), ApiKeys.displayPrefix(key))) {
            throw new ApiProblem(404, "Unknown site", "No live site " + siteId);
        }
        audit.record("site.key.rotate", siteId.toString(), AuditOutcome.SUCCESS, Map.of("key", kind.wireName()));
        forget(siteId);
        return key;
    }

    @Override
    @Transactional
    public SiteSummary updateAllowedOrigins(UUID siteId, List<String> allowedOrigins) {
        List<String> origins = allowedOrigins == null ? List.of() : allowedOrigins;
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            String problem = originProblem(origins.get(i));
            if (problem != null) {
                errors.add(new FieldError("allowedOrigins/" + i, problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid origins", errors);
        }
        SiteSummary before =
                sites.findById(siteId).orElseThrow(() -> new ApiProblem(404, "Unknown site", "No site " + siteId));
        sites.replaceOrigins(siteId, origins);
        audit.record(
                "site.origins.update",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("before", before.allowedOrigins(), "after", origins));
        forget(siteId);
        return sites.findById(siteId).orElseThrow();
    }

    @Override
    @Transactional
    public SiteSummary updateRetention(UUID siteId, int retentionDays) {
        if (retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
            throw new InvalidInputException(
                    400,
                    "Invalid retention",
                    List.of(new FieldError(
                            "retentionDays",
                            "must be between " + MIN_RETENTION_DAYS + " and " + MAX_RETENTION_DAYS + " days")));
        }
        SiteSummary before =
                sites.findById(siteId).orElseThrow(() -> new ApiProblem(404, "Unknown site", "No site " + siteId));
        if (!sites.replaceRetention(siteId, retentionDays)) {
            throw new ApiProblem(404, "Unknown site", "No live site " + siteId);
        }
        audit.record(
                "site.retention.update",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("before", before.retentionDays(), "after", retentionDays));
        forget(siteId);
        return sites.findById(siteId).orElseThrow();
    }

    @Override
    @Transactional
    public SiteSummary updateIdentityVerification(UUID siteId, boolean required) {
        SiteSummary before =
                sites.findById(siteId).orElseThrow(() -> new ApiProblem(404, "Unknown site", "No site " + siteId));
        if (!sites.replaceIdentityVerification(siteId, required)) {
            throw new ApiProblem(404, "Unknown site", "No live site " + siteId);
        }
        audit.record(
                "site.identity-verification.update",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("before", before.identityVerification(), "after", required));
        forget(siteId);
        return sites.findById(siteId).orElseThrow();
    }

    /** Changed keys or origins take effect now on this instance. */
    private void forget(UUID siteId) {
        keyCache.forgetSite(siteId);
        directory.forget(siteId);
    }

    @Override
    public Optional<SiteSummary> findSite(UUID siteId) {
        return sites.findById(siteId);
    }

    @Override
    public Optional<SiteSummary> authenticateSecretKey(String secretKey) {
        if (secretKey == null || !secretKey.startsWith(ApiKeys.SECRET_PREFIX)) {
            return Optional.empty();
        }
        return keyCache.get(ApiKeys.hash(secretKey), sites::findBySecretHash);
    }

    @Override
    public Optional<SiteSummary> authenticatePublicKey(String publicKey, String origin) {
        if (publicKey == null || !publicKey.startsWith(ApiKeys.PUBLIC_PREFIX) || origin == null) {
            return Optional.empty();
        }
        return keyCache.get(ApiKeys.hash(publicKey), sites::findByPublicHash)
                .filter(site -> site.allowedOrigins().contains(origin));
    }

    /** An origin is scheme://host[:port], nothing more, exactly as browsers send it. */
    static String originProblem(String origin) {
        if (origin == null || origin.isBlank()) {
            return "must not be empty";
        }
        try {
            URI uri = new URI(origin);
            boolean schemeOk = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            return schemeOk && bare
                    ? null
                    : "must be an origin like https://shop.example.com (scheme, host, optional port)";
        } catch (URISyntaxException e) {
            return "is not a valid origin: " + e.getReason();
        }
    }
}
