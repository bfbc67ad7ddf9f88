package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contact imports through the real API: EM-fitted linkage links duplicates, the review queue decides the uncertain. */
@AttuneIT
class LinkageIT {
    private static final String[] GIVEN = {
        "anna", "ben", "carla", "david", "emma", "felix", "greta", "hugo", "ida", "jonas", "klara", "leon", "mia",
        "noah", "olga", "paul", "rosa", "sam", "tina", "uwe", "vera", "willi", "xenia", "yannick", "zoe"
    };
    private static final String[] SUR = {
        "schmidt",
        "mueller",
        "schneider",
        "fischer",
        "weber",
        "meyer",
        "wagner",
        "becker",
        "hoffmann",
        "schulz",
        "koch",
        "richter",
        "klein",
        "wolf",
        "neumann",
        "schwarz",
        "zimmermann",
        "braun",
        "krueger",
        "hofmann"
    };
    private static final String[] STREET = {
        "lindenstrasse",
        "hauptstrasse",
        "bahnhofstrasse",
        "gartenweg",
        "schulstrasse",
        "bergstrasse",
        "waldweg",
        "ringstrasse",
        "am markt",
        "kirchplatz"
    };
    private static final String[] CITY = {
        "berlin", "hamburg", "munich", "cologne", "frankfurt", "stuttgart", "leipzig", "dresden"
    };

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private Api.Reply upload(String siteId, String query, String csv) {
        return api.adminPostCsv(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/imports?site=" + siteId + query,
                csv);
    }

    private String person(String siteId, String contactId) {
        Api.Reply r = api.adminGet(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/lookup?site=" + siteId + "&kind=custom&value=crm:" + contactId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject().getString("id");
    }

    /** 120 people; 40 of them again with typos, a missing email or a reformatted street; ids o-N and d-N. */
    private static String contacts() {
        Random random = new Random(7);
        StringBuilder csv =
                new StringBuilder("id,given_name,surname,email,phone,date_of_birth,street,postcode,city,state\n");
        for (int i = 0; i < 120; i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String sur = SUR[random.nextInt(SUR.length)];
            LocalDate dob = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String street = (1 + random.nextInt(90)) + " " + STREET[random.nextInt(STREET.length)];
            String postcode = String.valueOf(10000 + random.nextInt(89999));
            String city = CITY[random.nextInt(CITY.length)];
            String email = given + "." + sur + i + "@example.org";
            String phone = "+4917" + (10000000 + random.nextInt(89999999));
            csv.append(String.join(
                            ",",
                            "o-" + i,
                            given,
                            sur,
                            email,
                            phone,
                            dob.toString().replace("-", ""),
                            street,
                            postcode,
                            city,
                            "be"))
                    .append('\n');
            if (i < 40) {
                String typo = sur.substring(0, 2) + sur.charAt(3) + sur.charAt(2) + sur.substring(4);
                csv.append(String.join(
                                ",",
                                "d-" + i,
                                given,
                                i % 2 == 0 ? typo : sur,
                                i % 3 == 0 ? "" : email,
                                i % 4 == 0 ? "" : phone,
                                dob.toString().replace("-", ""),
                                street.replace("strasse", "str."),
                                postcode,
                                city,
                                "be"))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void duplicates_are_linked_without_labels_and_others_are_not() {
        String siteId =
                api.createSite("Linkage " + UUID.randomUUID(), "implied").getString("id");
        Api.Reply r = upload(siteId, "&source=crm&file=contacts.csv", contacts());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject summary = r.json().asJsonObject();
        assertThat(summary.getInt("records")).isEqualTo(160);
        assertThat(summary.getInt("matches")).isGreaterThanOrEqualTo(36);
        int linked = 0;
        for (int i = 0; i < 40; i++) {
            if (person(siteId, "o-" + i).equals(person(siteId, "d-" + i))) {
                linked++;
            }
        }
        assertThat(linked).as("duplicates linked").isGreaterThanOrEqualTo(36);
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            persons.add(person(siteId, "o-" + i));
        }
        assertThat(persons.stream().distinct().count())
                .as("distinct people stay distinct")
                .isEqualTo(120);
        JsonObject imports = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/identity/linkage/imports?site=" + siteId)
                .json()
                .asJsonObject();
        assertThat(imports.getJsonArray("imports")).hasSize(1);
    }

    @Test
    void the_review_queue_links_what_a_reviewer_accepts() {
        String siteId =
                api.createSite("Linkage review " + UUID.randomUUID(), "implied").getString("id");
        Api.Reply r = upload(siteId, "&match=0.9999999&review=0.000001", contacts());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().asJsonObject().getInt("review")).isPositive();
        Api.Reply queue = api.adminGet(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/reviews?site=" + siteId);
        List<JsonObject> items =
                queue.json().asJsonObject().getJsonArray("reviews").getValuesAs(JsonObject.class);
        assertThat(items).isNotEmpty().allMatch(i -> i.getString("status").equals("open"));
        JsonObject first = items.get(0);
        assertThat(first.getJsonObject("a").getString("id")).isNotBlank();
        assertThat(first.getJsonArray("explanation")).isNotEmpty();
        String a = first.getJsonObject("a").getString("id");
        String b = first.getJsonObject("b").getString("id");
        Api.Reply accepted = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/reviews/" + first.getInt("id"),
                "{\"siteId\":\"" + siteId + "\",\"samePerson\":true}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().asJsonObject().getString("status")).isEqualTo("accepted");
        assertThat(person(siteId, a)).isEqualTo(person(siteId, b));
        Api.Reply twice = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/reviews/" + first.getInt("id"),
                "{\"siteId\":\"" + siteId + "\",\"samePerson\":false}");
        assertThat(twice.status()).isEqualTo(409);
        JsonObject last = items.get(items.size() - 1);
        Api.Reply rejected = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/reviews/" + last.getInt("id"),
                "{\"siteId\":\"" + siteId + "\",\"samePerson\":false}");
        assertThat(rejected.json().asJsonObject().getString("status")).isEqualTo("rejected");
    }

    @Test
    void a_malformed_file_is_refused_whole_with_the_rows_named() {
        String siteId =
                api.createSite("Linkage bad " + UUID.randomUUID(), "implied").getString("id");
        Api.Reply noId = upload(siteId, "", "name,email\nann,ann@example.org\n");
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.problemFields()).containsExactly("(file)");
        Api.Reply badRows = upload(siteId, "", "id,email,phone\nc1,ann@example.org,\nc2,not-an-email,\nc1,,12\n");
        assertThat(badRows.status()).isEqualTo(400);
        assertThat(badRows.problemFields()).containsExactlyInAnyOrder("rows/2/email", "rows/3/id", "rows/3/phone");
        Api.Reply thresholds = upload(siteId, "&match=0.5&review=0.9", "id\nc1\n");
        assertThat(thresholds.problemFields()).containsExactly("review");
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/identity/linkage/imports?site=" + siteId)
                        .json()
                        .asJsonObject()
                        .getJsonArray("imports"))
                .isEmpty();
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/identity/lookup?site=" + siteId + "&kind=custom&value=crm:c1")
                        .status())
                .isEqualTo(404);
    }
}
