#include "corpus/dates.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(ParseDate, AcceptsTheFormsReportsUse) {
  EXPECT_EQ(parse_date("14 June 2004"), (Date{2004, 6, 14}));
  EXPECT_EQ(parse_date("June 14, 2004"), (Date{2004, 6, 14}));
  EXPECT_EQ(parse_date("2004-06-14"), (Date{2004, 6, 14}));
  EXPECT_EQ(parse_date("14/06/2004"), (Date{2004, 6, 14}));
  EXPECT_EQ(parse_date("May 2023"), (Date{2023, 5, 0}));
  EXPECT_EQ(parse_date("2025"), (Date{2025, 0, 0}));
  EXPECT_EQ(parse_date("  15 Sept 2021 "), (Date{2021, 9, 15}));
  EXPECT_EQ(parse_date("Friday, 27 May 2016, 08:49 GMT"), (Date{2016, 5, 27}));
}

TEST(ParseDate, RejectsWhatIsNotADate) {
  EXPECT_FALSE(parse_date(""));
  EXPECT_FALSE(parse_date("June"));
  EXPECT_FALSE(parse_date("31 April 2004"));
  EXPECT_FALSE(parse_date("29 February 2023"));
  EXPECT_TRUE(parse_date("29 February 2024"));
  EXPECT_FALSE(parse_date("14 Juno 2004"));
  EXPECT_FALSE(parse_date("2004-13-01"));
  EXPECT_FALSE(parse_date("Kazakhstan"));
}

TEST(Date, FormatsAtThePrecisionKnown) {
  EXPECT_EQ((Date{2004, 6, 14}).iso(), "2004-06-14");
  EXPECT_EQ((Date{2023, 5, 0}).iso(), "2023-05");
  EXPECT_EQ((Date{2025, 0, 0}).iso(), "2025");
  EXPECT_EQ((Date{2004, 6, 14}).long_form(), "14 June 2004");
  EXPECT_EQ((Date{2023, 5, 0}).long_form(), "May 2023");
  EXPECT_EQ((Date{2004, 6, 14}).sort_key(), "20040614");
  EXPECT_EQ((Date{2025, 0, 0}).sort_key(), "20250000");
}

}  // namespace
}  // namespace dossier
