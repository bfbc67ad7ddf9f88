package dev.attune.personalization.api;

import java.util.List;
import java.util.UUID;

/** Drift and anomaly alerts of a site, newest first. */
public interface MonitorService {
    List<MonitorAlert> alerts(UUID siteId, int limit);
}
