// Entity tagging quality on the annotated test set (tests/data/entities/): precision and recall
// per kind against gold annotations made by reading the reports.
#include "corpus/entities.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "corpus/error.h"
#include "indexer/extract.h"
#include "indexer/metadata.h"
#include "sample_index.h"
#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

struct GoldEntity {
  EntityKind kind;
  std::vector<std::string> names;  // folded; for countries the ISO code
  std::string country;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string fold_name(const std::string& name) {
  static const TextNormalizer normalizer;
  std::string folded = normalizer.fold(name);
  if (folded.starts_with("the ")) folded.erase(0, 4);
  return folded;
}

std::vector<GoldEntity> read_gold(const fs::path& path) {
  std::vector<GoldEntity> gold;
  std::istringstream in(slurp(path));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    if (cells.size() < 2) ADD_FAILURE() << path << ":" << number << ": malformed gold line";
    if (cells.size() < 2) continue;
    GoldEntity entity;
    entity.kind = cells[0] == "country"      ? EntityKind::kCountry
                  : cells[0] == "state_body" ? EntityKind::kStateBody
                                             : EntityKind::kOrganization;
    std::stringstream names(cells[1]);
    while (std::getline(names, cell, '|')) {
      entity.names.push_back(entity.kind == EntityKind::kCountry ? cell : fold_name(cell));
    }
    if (cells.size() > 2) entity.country = cells[2];
    gold.push_back(std::move(entity));
  }
  return gold;
}

fs::path source_of(const fs::path& gold_file) {  // the report a gold file annotates
  const std::string name = gold_file.stem().string() + ".txt";
  if (fs::exists(test::samples_dir() / "seed" / name)) return test::samples_dir() / "seed" / name;
  return test::samples_dir() / "reports" / name;
}

struct Counts {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  double precision() const {
    return true_positives + false_positives == 0
               ? 1.0
               : static_cast<double>(true_positives) / (true_positives + false_positives);
  }
  double recall() const {
    return true_positives + false_negatives == 0
               ? 1.0
               : static_cast<double>(true_positives) / (true_positives + false_negatives);
  }
};

// The names a tagged entity goes by in a report: its canonical name and the text of each of
// its mentions (an annotator lists the forms the report uses).
std::vector<std::string> names_of(const Entity& e, const Report& report) {
  std::vector<std::string> names = {fold_name(e.name)};
  for (const EntitySpan& span : e.spans) {
    const std::string& text = report.paragraphs[static_cast<std::size_t>(span.paragraph - 1)].text;
    std::string surface = fold_name(text.substr(span.begin, span.end - span.begin));
    if (surface.ends_with("'s")) surface.resize(surface.size() - 2);
    names.push_back(std::move(surface));
  }
  return names;
}

bool matches(const Entity& e, const std::vector<std::string>& names, const GoldEntity& g) {
  if (e.kind != g.kind) return false;
  if (e.kind == EntityKind::kCountry) return g.names.front() == e.id;
  if (e.kind == EntityKind::kStateBody && !g.country.empty() && e.country != g.country) {
    return false;
  }
  for (const std::string& name : names) {
    if (std::find(g.names.begin(), g.names.end(), name) != g.names.end()) return true;
  }
  return false;
}

// Tags every report of a gold folder and counts matches per kind; prints what it missed.
std::map<EntityKind, Counts> evaluate(const fs::path& gold_dir) {
  std::vector<fs::path> gold_files;
  for (const auto& entry : fs::directory_iterator(gold_dir)) gold_files.push_back(entry.path());
  std::sort(gold_files.begin(), gold_files.end());

  const EntityTagger tagger(test::gazetteers());
  std::map<EntityKind, Counts> counts;
  std::ostringstream misses;
  for (const fs::path& gold_file : gold_files) {
    Report report = TextReportExtractor().extract(slurp(source_of(gold_file))).report;
    infer_metadata(report, test::gazetteers());
    const std::vector<Entity> found = tagger.tag(report);
    const std::vector<GoldEntity> gold = read_gold(gold_file);
    std::vector<bool> gold_hit(gold.size(), false);
    for (const Entity& e : found) {
      bool hit = false;
      const std::vector<std::string> names = names_of(e, report);
      for (std::size_t i = 0; i < gold.size(); ++i) {
        if (!gold_hit[i] && matches(e, names, gold[i])) {
          gold_hit[i] = true;
          hit = true;
          break;
        }
      }
      if (hit) {
        counts[e.kind].true_positives++;
      } else {
        counts[e.kind].false_positives++;
        misses << gold_file.stem().string() << ": extra " << to_string(e.kind) << " \"" << e.name
               << "\" " << e.country << "\n";
      }
    }
    for (std::size_t i = 0; i < gold.size(); ++i) {
      if (gold_hit[i]) continue;
      counts[gold[i].kind].false_negatives++;
      misses << gold_file.stem().string() << ": missed " << to_string(gold[i].kind) << " \""
             << gold[i].names.front() << "\" " << gold[i].country << "\n";
    }
  }
  std::cout << misses.str();
  std::cout << gold_dir.filename().string() << " (" << gold_files.size() << " reports)\n"
            << "kind           precision  recall  (tp/fp/fn)\n";
  for (const auto& [kind, c] : counts) {
    std::printf("%-14s %9.3f  %6.3f  (%d/%d/%d)\n", std::string(to_string(kind)).c_str(),
                c.precision(), c.recall(), c.true_positives, c.false_positives, c.false_negatives);
  }
  return counts;
}

const fs::path& entities_data() {
  static const fs::path kDir = test::source_dir() / "tests" / "data" / "entities";
  return kDir;
}

TEST(EntityQuality, PrecisionAndRecallPerKindOnTheAnnotatedSet) {
  auto counts = evaluate(entities_data() / "gold");
  EXPECT_GE(counts[EntityKind::kCountry].precision(), 0.97);
  EXPECT_GE(counts[EntityKind::kCountry].recall(), 0.97);
  EXPECT_GE(counts[EntityKind::kStateBody].precision(), 0.90);
  EXPECT_GE(counts[EntityKind::kStateBody].recall(), 0.85);
  EXPECT_GE(counts[EntityKind::kOrganization].precision(), 0.90);
  EXPECT_GE(counts[EntityKind::kOrganization].recall(), 0.85);
}

// Reports annotated after the rules were written and never used to tune them: the honest
// figure for unseen reports. Printed, and held to the country targets only.
TEST(EntityQuality, HeldOutReports) {
  auto counts = evaluate(entities_data() / "heldout");
  EXPECT_GE(counts[EntityKind::kCountry].precision(), 0.97);
  EXPECT_GE(counts[EntityKind::kCountry].recall(), 0.97);
}

// A second held-out set, annotated before the rules for archive-wide precision (acronyms a
// report defines, name boundaries, merged official forms) were written, and never used to tune
// them. Printed, and held to the country targets only.
TEST(EntityQuality, SecondHeldOutReports) {
  auto counts = evaluate(entities_data() / "heldout2");
  EXPECT_GE(counts[EntityKind::kCountry].precision(), 0.97);
  EXPECT_GE(counts[EntityKind::kCountry].recall(), 0.97);
}

// The countries the tagger finds in one paragraph of text, in order of first mention.
std::vector<std::string> country_ids(const EntityTagger& tagger, std::string text) {
  Report report;
  report.paragraphs.push_back({1, ParagraphKind::kText, std::move(text)});
  std::vector<std::string> ids;
  for (const Entity& e : tagger.tag(report)) {
    if (e.kind == EntityKind::kCountry) ids.push_back(e.id);
  }
  return ids;
}

TEST(EntityGazetteer, MalformedLinesNameFileAndLine) {
  auto message = [](std::string_view organizations, std::string_view state_bodies) {
    try {
      EntityGazetteer::parse(organizations, "ioname\torgname\tlongorgname\n", state_bodies);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kData);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("# comment\nUnited Nations\tUN\n", ""),
            "corpus/data/organizations.tsv:2: expected 3 tab-separated columns (name, other names, "
            "kind), "
            "found 2");
  EXPECT_EQ(message("United Nations\tUN\tagency\n", ""),
            "corpus/data/organizations.tsv:1: unknown kind \"agency\" (un, igo or ngo)");
  EXPECT_EQ(message("", "\nUSA\tDepartment of State\t\n"),
            "corpus/data/state_bodies.tsv:2: expected CODE<TAB>name<TAB>other names");
}

TEST(EntityGazetteer, ResolvesNamesAndAcronyms) {
  const EntityGazetteer& g = test::gazetteers().entities;
  EXPECT_EQ(g.resolve("IOM")->name, "International Organization for Migration");
  EXPECT_EQ(g.resolve("international organisation for migration")->name,
            "International Organization for Migration");
  EXPECT_EQ(g.resolve("OSCE")->kind, EntityKind::kOrganization);
  EXPECT_EQ(g.resolve("State Department")->country, "US");
  EXPECT_EQ(g.resolve("Economic Community of West African States")->name,
            "Economic Community of West African States");
  EXPECT_FALSE(g.resolve("Ministry of Magic"));
}

TEST(EntityTagger, AmbiguousNamesNeedTheirContext) {
  const EntityTagger tagger(test::gazetteers());
  auto countries = [&](std::string text) { return country_ids(tagger, std::move(text)); };
  EXPECT_EQ(countries("Victims were trafficked to Jordan and Turkey."),
            (std::vector<std::string>{"JO", "TR"}));
  EXPECT_EQ(countries("Oil spills in the Niger Delta harmed fishing."), std::vector<std::string>{});
  EXPECT_EQ(countries("Workers from Papua New Guinea arrived."), std::vector<std::string>{"PG"});
  EXPECT_EQ(countries("A turkey farm employed migrants."), std::vector<std::string>{});
  EXPECT_EQ(countries("Kazakhstani authorities met Uzbekistanis."),
            (std::vector<std::string>{"KZ", "UZ"}));
}

TEST(EntityTagger, CountryNamesInOtherLanguages) {
  const EntityTagger tagger(test::gazetteers());
  auto countries = [&](std::string text) { return country_ids(tagger, std::move(text)); };
  EXPECT_EQ(countries("В регионе: Казахстан и Узбекистан."),
            (std::vector<std::string>{"KZ", "UZ"}));
  EXPECT_EQ(countries("Migrantes de México y Guatemala."), (std::vector<std::string>{"MX", "GT"}));
  EXPECT_EQ(countries("Les autorités de l’Allemagne et la Suisse."),
            (std::vector<std::string>{"DE", "CH"}));
  EXPECT_EQ(countries("哈萨克斯坦 与 俄罗斯"), (std::vector<std::string>{"KZ", "RU"}));
  // A name that is also a given name needs a country's context.
  EXPECT_EQ(countries("H.E. Mr. Mauricio Montalvo spoke."), std::vector<std::string>{});
}

TEST(EntityTagger, StateBodiesInTheirForms) {
  const EntityTagger tagger(test::gazetteers());
  Report report;
  report.country_code = "KZ";
  report.paragraphs.push_back(
      {1, ParagraphKind::kText,
       "The Ministries of Interior and Justice set up hotlines. The Justice Ministry "
       "trained judges, and the Russian Ministry of Defense declined. The State Commission on "
       "Religious Affairs (SCRA) refused. Later the SCRA agreed. An Almaty-based NGO helped."});
  std::vector<std::string> bodies;
  for (const Entity& e : tagger.tag(report)) {
    if (e.kind == EntityKind::kStateBody) {
      bodies.push_back(e.name + "/" + e.country + "/" + std::to_string(e.spans.size()));
    }
    EXPECT_NE(e.kind, EntityKind::kOrganization) << e.name;
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{
                        "Ministry of Interior/KZ/1", "Ministry of Justice/KZ/2",
                        "Ministry of Defense/RU/1", "State Commission on Religious Affairs/KZ/2"}));
}

// What a report of one paragraph is tagged with, apart from countries: "kind:name:state".
std::vector<std::string> bodies_and_organizations(const std::string& text,
                                                  const std::string& subject = "KZ") {
  const EntityTagger tagger(test::gazetteers());
  Report report;
  report.country_code = subject;
  report.paragraphs.push_back({1, ParagraphKind::kText, text});
  std::vector<std::string> out;
  for (const Entity& e : tagger.tag(report)) {
    if (e.kind == EntityKind::kCountry) continue;
    out.push_back(std::string(to_string(e.kind)) + ":" + e.name + ":" + e.country);
  }
  return out;
}

using Tags = std::vector<std::string>;

TEST(CanonicalStateBodyName, AFilterLeavesTheStateOutAsTheTaggerDoes) {
  const Gazetteers& g = test::gazetteers();
  for (const char* form :
       {"Ministry of Justice of the Republic of Kazakhstan", "Ministry of Justice of Kazakhstan",
        "the Kazakhstani Justice Ministry", "Ministry of Justice"}) {
    EXPECT_EQ(canonical_state_body_name(form, g), "Ministry of Justice") << form;
  }
  EXPECT_EQ(canonical_state_body_name("the Russian Ministry of Internal Affairs", g),
            "Ministry of Interior");
  EXPECT_EQ(canonical_state_body_name("Assembly of the People of Kazakhstan", g),
            "Assembly of the People of Kazakhstan");
  EXPECT_EQ(canonical_state_body_name("Embassy of Japan", g), "Embassy of Japan");
}

TEST(ResolveStateBody, TheStateATextGivesIsKeptApart) {
  const Gazetteers& g = test::gazetteers();
  for (const char* form :
       {"Ministry of Justice of the Republic of Kazakhstan", "the Kazakhstani Justice Ministry",
        "Kazakhstan's Ministry of Justice", "Kazakhstan’s Justice Ministry",
        "Ministry of Justice (Kazakhstan)", "Ministry of Justice (KZ)"}) {
    const StateBodyName body = resolve_state_body(form, g);
    EXPECT_EQ(body.name, "Ministry of Justice") << form;
    EXPECT_EQ(body.state, "KZ") << form;
  }
  EXPECT_EQ(resolve_state_body("Ministry of Justice", g).state, "");
  // A state's name without a possessive is part of the name, as the tagger keeps it.
  EXPECT_EQ(resolve_state_body("Botswana Police Service", g).name, "Botswana Police Service");
  EXPECT_EQ(resolve_state_body("Botswana Police Service", g).state, "");
  // Parentheses that hold no state stay in the name.
  EXPECT_EQ(resolve_state_body("Council (Interim)", g).state, "");
}

TEST(StateBodyValue, OneValuePerBodyPerStateReadsBack) {
  const Gazetteers& g = test::gazetteers();
  EXPECT_EQ(state_body_value("Ministry of Justice", "KZ"), "Ministry of Justice (KZ)");
  EXPECT_EQ(state_body_value("Ministry of Justice", ""), "Ministry of Justice");
  EXPECT_EQ(state_body_label("Ministry of Justice (KZ)", g), "Ministry of Justice (Kazakhstan)");
  EXPECT_EQ(state_body_label("Ministry of Justice", g), "Ministry of Justice");
  EXPECT_EQ(state_body_name_of("Ministry of Justice (KZ)"), "Ministry of Justice");
  EXPECT_EQ(state_body_name_of("Ministry of Justice"), "Ministry of Justice");
  const StateBodyName back = resolve_state_body(state_body_label("Duma (RU)", g), g);
  EXPECT_EQ(state_body_value(back.name, back.state), "Duma (RU)");
}

TEST(EntityTagger, AReportsOwnAcronymWinsOverAnyList) {
  // "EPA" is also the European Productivity Agency of the IGO list.
  EXPECT_EQ(bodies_and_organizations(
                "The Protestant Church of Algeria (EPA) said EPA churches stayed closed.", "DZ"),
            Tags{});
  // The report says ICC is a coordinating committee, not the criminal court.
  EXPECT_EQ(bodies_and_organizations(
                "It was accredited by the International Coordinating Committee of National "
                "Institutions for the Promotion and Protection of Human Rights (ICC). The ICC "
                "gave it A status."),
            Tags{"organization:International Coordinating Committee of National Institutions for "
                 "the Promotion and Protection of Human Rights:"});
  // Defined as the list defines it: the list's name.
  EXPECT_EQ(bodies_and_organizations("The International Organization for Migration (IOM) and "
                                     "the IOM office helped."),
            Tags{"organization:International Organization for Migration:"});
}

TEST(EntityTagger, AnAcronymAloneNamesNoObscureListEntry) {
  // The IGO list's acronyms need the organization's name in the report.
  EXPECT_EQ(bodies_and_organizations("EPA officials met the mayor."), Tags{});
  EXPECT_EQ(bodies_and_organizations("The European Productivity Agency closed; EPA staff left."),
            Tags{"organization:European Productivity Agency:"});
  // A well-known acronym stands alone; one that also names a treaty needs context.
  EXPECT_EQ(bodies_and_organizations("UNHCR registered refugees."),
            Tags{"organization:Office of the United Nations High Commissioner for Refugees:"});
  EXPECT_EQ(bodies_and_organizations("It ratified CERD in 1998."), Tags{});
  EXPECT_EQ(bodies_and_organizations("In line with CERD recommendations, it acted."),
            Tags{"organization:Committee on the Elimination of Racial Discrimination:"});
}

TEST(EntityTagger, NamesEndAtTitlesDatesAndOtherNames) {
  EXPECT_EQ(bodies_and_organizations("The delegation included the Ministry of Justice Mr. Ivanov."),
            Tags{"state_body:Ministry of Justice:KZ"});
  EXPECT_EQ(bodies_and_organizations("The Council of Ministers on December 3 adopted it."),
            Tags{"state_body:Council of Ministers:KZ"});
  EXPECT_EQ(bodies_and_organizations("The Brussels-based NGO Action and Protection League wrote."),
            Tags{"organization:Action and Protection League:"});
  EXPECT_EQ(bodies_and_organizations("It met the Human Rights Ombudsman Barbados staff.", "BB"),
            Tags{"state_body:Human Rights Ombudsman:BB"});
  EXPECT_EQ(
      bodies_and_organizations("The Public Ministry and the Comptroller General agreed.", "VE"),
      Tags{"state_body:Public Ministry:VE"});
  EXPECT_EQ(bodies_and_organizations("Members of religious groups, including Jews and Roma, met."),
            Tags{});
  EXPECT_EQ(bodies_and_organizations("It repealed the Private Employment Agency Law."), Tags{});
  EXPECT_EQ(bodies_and_organizations("The Ministry of Housing and Local Government agreed.", "MY"),
            Tags{"state_body:Ministry of Housing and Local Government:MY"});
  EXPECT_EQ(bodies_and_organizations(
                "Establish an Independent Police Complaints and Misconduct Commission.", "MY"),
            Tags{"state_body:Independent Police Complaints and Misconduct Commission:MY"});
  EXPECT_EQ(bodies_and_organizations("Support came from the Commonwealth Fund for Technical "
                                     "Co-operation. See A/HRC/13/13."),
            Tags{"organization:Commonwealth Fund for Technical Co-operation:"});
  // A list of a name's parts ends in "and"; a person or a city after a comma is not the name's.
  EXPECT_EQ(bodies_and_organizations("State Secretary, Ministry of Foreign Affairs, Frank "
                                     "Belfrage; Ministry of Environment, Lands and Agricultural "
                                     "Development; Department of Health, Dublin.",
                                     "SE"),
            (Tags{"state_body:Ministry of Foreign Affairs:SE",
                  "state_body:Ministry of Environment, Lands and Agricultural Development:SE",
                  "state_body:Department of Health:SE"}));
}

TEST(EntityTagger, NoPeoplesPartiesArmedGroupsOrRegulatorsForOrganizations) {
  EXPECT_EQ(bodies_and_organizations("Members of terrorist organizations, including Hamas, fled."),
            Tags{});
  EXPECT_EQ(bodies_and_organizations("It met civil society organizations, including President "
                                     "Ghazouani's advisers."),
            Tags{});
  EXPECT_EQ(bodies_and_organizations("Fighting involved the Myanmar National Democratic Alliance "
                                     "Army near the border.",
                                     "MM"),
            Tags{});
  EXPECT_EQ(bodies_and_organizations("It moved the NGO Board away from security bodies.", "UG"),
            Tags{});
  EXPECT_EQ(bodies_and_organizations("The Uganda Muslim Supreme Council and the Christian Church "
                                     "Steering Committee met the Ministry of Islamic Affairs.",
                                     "UG"),
            Tags{"state_body:Ministry of Islamic Affairs:UG"});
  EXPECT_EQ(bodies_and_organizations("The Legal Aid Council's Duty Solicitor Scheme failed.", "NG"),
            Tags{"state_body:Legal Aid Council:NG"});
  EXPECT_EQ(bodies_and_organizations("The Iona Institute for Religion and Society wrote.", "IE"),
            Tags{"organization:Iona Institute for Religion and Society:"});
  EXPECT_EQ(bodies_and_organizations("The Arakan League for Democracy and the Arab Women League "
                                     "Party met the Anti-Defamation League.",
                                     "MM"),
            Tags{"organization:Anti-Defamation League:"});
  // A state's initiative or project is a programme; a global one may be an organization.
  EXPECT_EQ(bodies_and_organizations("The National Human Development Initiative and the National "
                                     "Child Labour Project ran; the Global Initiative to Fight "
                                     "Human Trafficking helped.",
                                     "MA"),
            Tags{"organization:Global Initiative to Fight Human Trafficking:"});
}

TEST(EntityTagger, AStatesUnitsAndLegislatureAreTheStates) {
  EXPECT_EQ(bodies_and_organizations("The Ministry of Awqaf and Islamic Affairs' Center for the "
                                     "Promotion of Moderation ran classes.",
                                     "KW"),
            (Tags{"state_body:Ministry of Awqaf and Islamic Affairs:KW",
                  "state_body:Center for the Promotion of Moderation:KW"}));
  EXPECT_EQ(bodies_and_organizations("Its delegation met the United States Congress.", "MH"),
            Tags{"state_body:United States Congress:US"});
  // A continent's commission is no state's.
  EXPECT_EQ(bodies_and_organizations("It invited the African Commission to visit.", "CI"),
            Tags{"organization:African Commission:"});
}

TEST(EntityTagger, ABodyOfMinistersIsTheStates) {
  EXPECT_EQ(bodies_and_organizations("The Inter-Ministerial Working Group and the Family Violence "
                                     "Ministerial Group met the New Zealand Law Society.",
                                     "NZ"),
            (Tags{"state_body:Inter-Ministerial Working Group:NZ",
                  "state_body:Family Violence Ministerial Group:NZ",
                  "organization:New Zealand Law Society:"}));
}

TEST(EntityTagger, NamesBeginAtTheirOwnWords) {
  // Capitalized words a small word joins to the name, just after "the", begin it.
  EXPECT_EQ(bodies_and_organizations("It did not fund the Prevention of People Trafficking and "
                                     "People Smuggling Task Force this year.",
                                     "SZ"),
            Tags{"state_body:Prevention of People Trafficking and People Smuggling Task Force:SZ"});
  EXPECT_EQ(bodies_and_organizations("In 2009, the Men against Violence Advocacy Group was set up.",
                                     "WS"),
            Tags{"organization:Men against Violence Advocacy Group:"});
  // A person's name is not part of a ministry's, nor another body joined with "and the".
  EXPECT_EQ(
      bodies_and_organizations("Mrs. J.A. Odion Ministry of Women Affairs; the Ministry of "
                               "Education and the Government of the Federation agreed.",
                               "NG"),
      (Tags{"state_body:Ministry of Women Affairs:NG", "state_body:Ministry of Education:NG"}));
  EXPECT_EQ(bodies_and_organizations("The government convened the Counter-Trafficking in Persons "
                                     "Advisory Committee.",
                                     "KE"),
            Tags{"state_body:Counter-Trafficking in Persons Advisory Committee:KE"});
  // What a body is set up to do is its name's; "civil society" is no body; a minister's
  // portfolio is no body either.
  EXPECT_EQ(bodies_and_organizations("The National Commission to Combat the Commercial Sexual "
                                     "Exploitation of Children met.",
                                     "CR"),
            Tags{"state_body:National Commission to Combat the Commercial Sexual Exploitation of "
                 "Children:CR"});
  EXPECT_EQ(bodies_and_organizations("The Ministry of Relations with Constitutional Bodies, Civil "
                                     "Society and Human Rights met.",
                                     "TN"),
            Tags{"state_body:Ministry of Relations with Constitutional Bodies, Civil Society and "
                 "Human Rights:TN"});
  EXPECT_EQ(bodies_and_organizations(
                "The Deputy Prime Minister for the Knowledge-Based Society spoke.", "SK"),
            Tags{});
  // A person's office is not part of a body's name.
  EXPECT_EQ(bodies_and_organizations("He met the President of National Assembly.", "AO"),
            Tags{"state_body:National Assembly:AO"});
  // A possessive owns the name after it, and a name with an "and" of its own is one body.
  EXPECT_EQ(bodies_and_organizations("Sharjah's Supreme Council for Family Affairs and "
                                     "Prevention and Safety Authority launched campaigns.",
                                     "AE"),
            (Tags{"state_body:Sharjah's Supreme Council for Family Affairs:AE",
                  "state_body:Prevention and Safety Authority:AE"}));
  // A ministry's list of subjects keeps its own "and"s when its last part follows ", and".
  EXPECT_EQ(bodies_and_organizations("The Ministries of Labour and Social Welfare, Gender "
                                     "Equality and Child Welfare, and Safety and Security met.",
                                     "NA"),
            (Tags{"state_body:Ministry of Labour and Social Welfare:NA",
                  "state_body:Ministry of Gender Equality and Child Welfare:NA",
                  "state_body:Ministry of Safety and Security:NA"}));
  EXPECT_EQ(bodies_and_organizations("The Ministries of Justice, Interior and Defence met.", "NA"),
            (Tags{"state_body:Ministry of Justice:NA", "state_body:Ministry of Interior:NA",
                  "state_body:Ministry of Defence:NA"}));
  EXPECT_EQ(bodies_and_organizations("A unit was set up within the Ministry of Justice, Human "
                                     "Rights and Correctional Service.",
                                     "LS"),
            Tags{"state_body:Ministry of Justice, Human Rights and Correctional Service:LS"});
}

TEST(EntityTagger, NamesRunToTheAcronymTheyAreGiven) {
  EXPECT_EQ(bodies_and_organizations("The government allowed the National Center to prevent "
                                     "Torture (NCPT) to visit. The NCPT reported.",
                                     "KG"),
            Tags{"state_body:National Center to prevent Torture:KG"});
  EXPECT_EQ(bodies_and_organizations("The Armed Conflict Location & Event Data Project said so."),
            Tags{"organization:Armed Conflict Location & Event Data Project:"});
  EXPECT_EQ(bodies_and_organizations(
                "The NGO End Child Prostitution in Asian Tourism (ECPAT) reported.", "MM"),
            Tags{"organization:End Child Prostitution in Asian Tourism:"});
  // In other languages too, and a word before the mention may begin the name.
  EXPECT_EQ(
      bodies_and_organizations("The Commission Nationale des Droits de l'Homme (CNDH) met.", "DJ"),
      Tags{"state_body:Commission Nationale des Droits de l'Homme:DJ"});
  EXPECT_EQ(
      bodies_and_organizations("The Vice Ministry of Worship (VMW) registered churches.", "PY"),
      Tags{"state_body:Vice Ministry of Worship:PY"});
  // The acronym shows that lower-case words are its name's too.
  EXPECT_EQ(bodies_and_organizations("The United Nations interim security Force for Abyei "
                                     "(UNISFA) was deployed. UNISFA stayed.",
                                     "SD"),
            Tags{"organization:United Nations Interim Security Force for Abyei:"});
  // A short form in parentheses is the name it follows, wherever the report uses it.
  EXPECT_EQ(bodies_and_organizations("The Elie Wiesel National Institute for the Study of the "
                                     "Holocaust in Romania (Wiesel Institute) wrote. Officials met "
                                     "the Wiesel Institute.",
                                     "RO"),
            Tags{"state_body:Elie Wiesel National Institute for the Study of the Holocaust:RO"});
}

TEST(EntityTagger, OneValuePerBodyAndState) {
  EXPECT_EQ(bodies_and_organizations(
                "The Ministry of Justice of the Republic of Kazakhstan and the Justice Ministry "
                "agreed; the Ministry of Internal Affairs, the Interior Ministry and the Ministry "
                "of the Interior did too."),
            (Tags{"state_body:Ministry of Justice:KZ", "state_body:Ministry of Interior:KZ"}));
  // A state's name that completes a name stays.
  EXPECT_EQ(bodies_and_organizations("The Assembly of the People of Kazakhstan met."),
            Tags{"state_body:Assembly of the People of Kazakhstan:KZ"});
  // A misspelt treaty body is the treaty body.
  EXPECT_EQ(bodies_and_organizations("The Committee on the Rights of Child urged reform.", "NO"),
            Tags{"organization:Committee on the Rights of the Child:"});
  // A state's body named like a listed organization is the state's.
  EXPECT_EQ(bodies_and_organizations(
                "Officials from the Presidential Human Rights Committee attended.", "PH"),
            Tags{"state_body:Presidential Human Rights Committee:PH"});
  // A mission named after a UN prefix is the mission, not the UN.
  EXPECT_EQ(bodies_and_organizations("Troops of the UN Stabilization Mission in Haiti left.", "HT"),
            Tags{"organization:UN Stabilization Mission in Haiti:"});
}

}  // namespace
}  // namespace dossier
