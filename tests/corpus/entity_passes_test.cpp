// Each pass of the entity tagger on its own, over one paragraph (corpus/src/entity_passes.h).
#include "entity_passes.h"

#include <gtest/gtest.h>

#include "corpus/error.h"
#include "corpus/gazetteers.h"

namespace dossier::tagging {
namespace {

const Gazetteers& gazetteers() {
  static const Gazetteers kGazetteers = Gazetteers::load();
  return kGazetteers;
}

// A paragraph, its tokens and its view, and the passes' context (subject: Kazakhstan).
struct Fixture {
  explicit Fixture(std::string paragraph, std::string subject = "KZ")
      : text(std::move(paragraph)),
        tokens(TextNormalizer().tokenize(text)),
        view(text, tokens),
        context{gazetteers(), EntityWords::builtin(), std::move(subject), definitions} {
    find_acronym_definitions(text, tokens, definitions);
  }

  // What a list of mentions says, as "kind:name:country@words" strings.
  std::vector<std::string> described(const std::vector<Found>& found) const {
    std::vector<std::string> out;
    for (const Found& f : found) {
      std::string words;
      for (std::size_t i = f.first_token; i < f.end_token; ++i) {
        words += (words.empty() ? "" : " ") + std::string(view.words[i].text);
      }
      out.push_back(std::string(to_string(f.kind)) + ":" + f.name + ":" + f.country + "@" + words);
    }
    return out;
  }

  std::string text;
  std::vector<Token> tokens;
  ParagraphView view;
  AcronymDefinitions definitions;  // filled after the context refers to it
  TaggingContext context;
};

TEST(EntityWords, ListsComeFromTheDataFile) {
  const EntityWords& words = EntityWords::builtin();
  EXPECT_TRUE(words.state_heads.contains("ministry"));
  EXPECT_TRUE(words.organization_heads.contains("foundation"));
  EXPECT_TRUE(words.not_entities.contains("working group"));
  EXPECT_FALSE(words.state_heads.contains("foundation"));
  const EntityWords parsed =
      EntityWords::parse("# c\n[bare_heads]\nmajlis\n\n[compass_words]\nwest\n", "t.txt");
  EXPECT_TRUE(parsed.bare_heads.contains("majlis"));
  EXPECT_TRUE(parsed.compass_words.contains("west"));
  EXPECT_THROW(EntityWords::parse("ministry\n", "t.txt"), Error);
  try {
    EntityWords::parse("[heads]\nministry\n", "t.txt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "t.txt:1: unknown list [heads]");
  }
}

TEST(EntityPasses, CountriesByNameAndDemonymOnlyWhereTheyReadAsCountries) {
  Fixture f(
      "Kazakhstani authorities worked with Turkey, Michael Jordan and the Niger Delta "
      "communities; a turkey is not a country.");
  std::vector<Found> found;
  find_countries(f.view, f.context, f.tokens, found);
  EXPECT_EQ(f.described(found), (std::vector<std::string>{"country:Turkey:TR@Turkey",
                                                          "country:Kazakhstan:KZ@Kazakhstani"}));
  EXPECT_EQ(f.view.country_at[0], "KZ");
  EXPECT_TRUE(f.view.demonym_at[0]);
}

TEST(EntityPasses, GazetteerNamesClaimTheirWords) {
  Fixture f("The International Organization for Migration and UNICEF helped; the iom did not.");
  std::vector<Found> found;
  find_gazetteer_names(f.view, f.context, found);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "International Organization for Migration");
  EXPECT_TRUE(found[0].known);
  EXPECT_EQ(found[1].name, "United Nations Children's Fund");
  EXPECT_TRUE(f.view.claimed[1]);
  EXPECT_TRUE(f.view.organization_at[1]);
}

TEST(EntityPasses, BodyPatternsNameMinistriesInOneForm) {
  Fixture f(
      "The Justice Ministry and the Ministries of Interior and Education met the Russian "
      "Ministry of Defense and the Eurasia Foundation.");
  std::vector<Found> found;
  find_countries(f.view, f.context, f.tokens, found);
  found.clear();  // only the body patterns' mentions below
  find_body_patterns(f.view, f.context, found);
  EXPECT_EQ(f.described(found),
            (std::vector<std::string>{"state_body:Ministry of Justice:KZ@Justice Ministry",
                                      "state_body:Ministry of Interior:KZ@Interior",
                                      "state_body:Ministry of Education:KZ@Education",
                                      "state_body:Ministry of Defense:RU@Ministry of Defense",
                                      "organization:Eurasia Foundation:@Eurasia Foundation"}));
}

TEST(EntityPasses, BodyPatternsLeaveOutWhatIsNoBody) {
  Fixture f("The Working Group met under Freedom of Association rules at the Orthodox Church.");
  std::vector<Found> found;
  find_body_patterns(f.view, f.context, found);
  EXPECT_EQ(f.described(found), std::vector<std::string>{});
}

TEST(EntityPasses, CuedOrganizations) {
  Fixture f("The NGO Duay Jai and NGOs, including Golos Svobody and Spravedlivost, reported.");
  std::vector<Found> found;
  find_cued_organizations(f.view, f.context, found);
  EXPECT_EQ(f.described(found),
            (std::vector<std::string>{"organization:Duay Jai:@Duay Jai",
                                      "organization:Golos Svobody:@Golos Svobody",
                                      "organization:Spravedlivost:@Spravedlivost"}));
}

TEST(EntityPasses, AcronymsDefinedOnceUsedEverywhere) {
  Fixture first("The State Commission on Religious Affairs (SCRA) registered groups.");
  std::vector<Found> found;
  find_body_patterns(first.view, first.context, found);
  Acronyms acronyms;
  acronyms.learn(first.view, found);
  acronyms.find_uses(first.view, found);
  ASSERT_EQ(found.size(), 1u);  // the acronym in its definition is part of that mention
  Fixture later("In March the SCRA refused; SCRA officials said so.");
  std::vector<Found> uses;
  acronyms.find_uses(later.view, uses);
  EXPECT_EQ(later.described(uses),
            (std::vector<std::string>{"state_body:State Commission on Religious Affairs:KZ@SCRA",
                                      "state_body:State Commission on Religious Affairs:KZ@SCRA"}));
}

TEST(EntityPasses, CollectorMergesShortAndFullForms) {
  Fixture f("The Supreme Council for Women and the Supreme Council met; Kazakhstan agreed.");
  std::vector<Found> found;
  find_countries(f.view, f.context, f.tokens, found);
  find_body_patterns(f.view, f.context, found);
  EntityCollector collector;
  for (const Found& mention : found) {
    collector.record(
        {1, f.view.words[mention.first_token].begin, f.view.words[mention.end_token - 1].end},
        mention);
  }
  const std::vector<Entity> entities = collector.finish();
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(entities[0].name, "Kazakhstan");
  EXPECT_EQ(entities[1].name, "Supreme Council for Women");
  EXPECT_EQ(entities[1].spans.size(), 2u);
}

TEST(CanonicalEntityName, OneNameForTheTaggerAndTheFilters) {
  const EntityGazetteer& gazetteer = gazetteers().entities;
  const auto canonical = [&](EntityKind kind, std::string_view name) {
    return canonical_entity_name(kind, name, gazetteer);
  };
  for (const char* form : {"Ministry of Justice", "the Justice Ministry", "Justice Ministry's",
                           "Ministry of the Justice", "Ministry for Justice"}) {
    EXPECT_EQ(canonical(EntityKind::kStateBody, form), "Ministry of Justice") << form;
  }
  // Typed in lower case, the same term (terms are folded).
  EXPECT_EQ(TextNormalizer().fold(canonical(EntityKind::kStateBody, "ministry of the justice")),
            "ministry of justice");
  EXPECT_EQ(canonical(EntityKind::kStateBody, "Foreign Ministry"), "Ministry of Foreign Affairs");
  EXPECT_EQ(canonical(EntityKind::kStateBody, "the Ministry of Justice and of Human Rights"),
            "Ministry of Justice and Human Rights");
  EXPECT_EQ(canonical(EntityKind::kOrganization, "IOM"),
            "International Organization for Migration");
  EXPECT_EQ(canonical(EntityKind::kOrganization, "Human Rights\u2019 Watch"), "Human Rights Watch");
  EXPECT_EQ(canonical(EntityKind::kOrganization, "the  Duay   Jai\u2019s"), "Duay Jai");
  // One interior ministry, however a report or a filter writes it.
  for (const char* form : {"Ministry of Interior", "Ministry of the Interior", "Interior Ministry",
                           "Ministry of Internal Affairs", "Internal Affairs Ministry"}) {
    EXPECT_EQ(canonical(EntityKind::kStateBody, form), "Ministry of Interior") << form;
  }
  EXPECT_EQ(canonical(EntityKind::kStateBody, "Public Ministry"), "Public Ministry");
  // A listed name with articles, prepositions or plurals written differently.
  EXPECT_EQ(canonical(EntityKind::kOrganization,
                      "Committee for the Elimination of Discrimination against Woman"),
            "Committee on the Elimination of Discrimination against Women");
  // A gazetteer name of another kind is not taken.
  EXPECT_EQ(canonical(EntityKind::kStateBody, "IOM"), "IOM");
}

}  // namespace
}  // namespace dossier::tagging
