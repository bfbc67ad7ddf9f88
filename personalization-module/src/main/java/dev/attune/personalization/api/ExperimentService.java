package dev.attune.personalization.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Experiments: definitions and lifecycle, assignment of units, results from the statistics engine. */
public interface ExperimentService {

    /** Creates a draft; a bad definition (or one overlapping another in its layer) is refused naming each field. */
    Experiment create(UUID siteId, Experiment.Definition definition);

    /**
     * Edits a definition. A draft may change anything; a running experiment only its name, hypothesis, guard and
     * stop time (changing variants, weights, traffic, targeting, layer or metrics of a running experiment would make
     * its numbers lie: refused); a stopped or shipped one only its name and hypothesis.
     */
    Experiment update(UUID id, Experiment.Definition definition);

    List<Experiment> list(UUID siteId);

    Optional<Experiment> find(UUID id);

    /** draft -> running -> stopped -> shipped (or running -> shipped); anything else is refused. */
    Experiment setStatus(UUID id, Experiment.Status status);

    /** Where a unit is when asked: the page and the device class (desktop, mobile, tablet), either may be null. */
    record Context(String url, String device) {
        public static final Context NONE = new Context(null, null);
    }

    /**
     * The variant of each running experiment of the site for this unit (person or anonymous subject). A unit
     * without {@code experiments} consent, in the site's holdout, outside an experiment's targeting or share gets
     * that experiment's control and is not recorded. The first assignment of a unit is kept (and is its exposure,
     * logged once).
     */
    Map<String, Assignment> assign(UUID siteId, String unit, Context context);

    /** A unit's variant of one experiment and what that variant carries; {@code counted}: the unit is in the experiment. */
    record Assignment(String variant, String payloadJson, boolean counted) {}

    ExperimentResults results(UUID id);

    /** The experiment's results as the guard snapshotted them over time (oldest first). */
    List<ExperimentResults.Snapshot> history(UUID id);

    /** The share of the site's units held out of every experiment. */
    int holdoutPercent(UUID siteId);

    void setHoldoutPercent(UUID siteId, int percent);
}
