package dev.attune.personalization.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Experiments: definitions and lifecycle, assignment of units, results from the statistics engine. */
public interface ExperimentService {

    /** Creates a draft; a bad definition is refused naming each field. */
    Experiment create(UUID siteId, String key, String name, String hypothesis, List<Experiment.Variant> variants,
                      int trafficPercent, List<Experiment.Metric> metrics, boolean autoStop);

    List<Experiment> list(UUID siteId);

    Optional<Experiment> find(UUID id);

    /** draft -> running -> stopped -> shipped (or running -> shipped); anything else is refused. */
    Experiment setStatus(UUID id, Experiment.Status status);

    /**
     * The variant of each running experiment of the site for this unit (person or anonymous subject). A unit
     * without {@code experiments} consent gets each experiment's control and is not recorded. The first
     * assignment of a unit is kept (and is its exposure, logged once).
     */
    Map<String, String> assign(UUID siteId, String unit);

    ExperimentResults results(UUID id);
}
