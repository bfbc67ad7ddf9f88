/**
 * The demo of {@code ./attune run --demo}: a demo site with segments, a survey, two experiments, a rule and a bandit
 * slot (DemoSetup), a simulated month of a few thousand visitors replayed through the public APIs at first start
 * (DemoMonth, DemoToday, DemoSockets), then a gentle live trickle (DemoTrickle). Everything goes through the same HTTP
 * and WebSocket APIs a customer's site uses; nothing is written to the database directly.
 */
package dev.attune.launcher.demo;
