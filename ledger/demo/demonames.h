#pragma once
// Word lists for the demo alliance generator: Korean syllables (romanised and in Hangul), English name parts,
// people, project titles per sector and the short texts reviewers and programme managers write. Only the
// generator uses these; the lists are fixed, so a (startups, seed, months) triple always gives the same
// names.

#include <span>
#include <string_view>

namespace ledger::demo::names {

struct Syllable
{
    const char *roman; // capitalised, e.g. "Neul"
    const char *hangul; // e.g. "늘"
};

struct Suffix
{
    const char *en; // e.g. "Robotics"
    const char *ko; // the same word as Koreans write it, e.g. "로보틱스"
};

// Syllables that read well in company names ("Ha" + "neul" -> "Haneul", 하늘).
std::span<const Syllable> koreanSyllables();
// The two halves of English-style names ("Tensor" + "Forge").
std::span<const char *const> englishHeads();
std::span<const char *const> englishTails();
// Company name endings: ones that fit a sector, and ones that fit any.
std::span<const Suffix> sectorSuffixes(std::string_view sector);
std::span<const Suffix> genericSuffixes();

// Sectors as the rules engine names them, the common ones first (the generator weights them).
std::span<const char *const> sectors();

// People: romanised Korean family and given names ("Kim", "Ji-won").
std::span<const char *const> familyNames();
std::span<const char *const> givenNames();
// Where reviewers work.
std::span<const char *const> affiliations();

// What a startup in the sector asks GPU-hours for.
std::span<const char *const> projectTitles(std::string_view sector);
std::span<const char *const> summaries();

std::span<const char *const> reviewComments(int band); // band 0 weak, 1 fair, 2 strong
std::span<const char *const> conflictComments();
std::span<const char *const> decisionReasons(std::string_view decision); // approved | rejected | waitlisted
std::span<const char *const> withdrawalReasons();
std::span<const char *const> clawbackReasons(std::string_view code);

} // namespace ledger::demo::names
