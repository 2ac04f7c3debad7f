#include "corpus/series.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(Series, ClassifiesTheArchiveTitles) {
  EXPECT_EQ(
      classify_series("U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan",
                      "United States Department of State",
                      "Office to Monitor and Combat Trafficking in Persons")
          .slug,
      "tip");
  EXPECT_EQ(
      classify_series("Kazakhstan 2024 Human Rights Report", "United States Department of State",
                      "Bureau of Democracy, Human Rights, and Labor")
          .slug,
      "hrr");
  EXPECT_EQ(
      classify_series("2021 Report on International Religious Freedom: Afghanistan", "", "").slug,
      "irf");
  EXPECT_EQ(
      classify_series("Report of the Working Group on the Universal Periodic Review: Saudi Arabia",
                      "UN Human Rights Council", "")
          .slug,
      "upr");
  EXPECT_EQ(classify_series("The World Factbook 2006 - Algeria: Transnational Issues",
                            "Central Intelligence Agency (United States)", "")
                .slug,
            "wfb");
  EXPECT_EQ(classify_series("Annual report 2010", "Amnesty International", "").slug, "other");
}

TEST(Series, ResolvesWhatUsersType) {
  EXPECT_EQ(resolve_series("TIP")->slug, "tip");
  EXPECT_EQ(resolve_series("Trafficking in Persons Report")->slug, "tip");
  EXPECT_EQ(resolve_series("factbook")->slug, "wfb");
  EXPECT_EQ(resolve_series("human rights report")->slug, "hrr");
  EXPECT_FALSE(resolve_series("weather"));
}

}  // namespace
}  // namespace dossier
