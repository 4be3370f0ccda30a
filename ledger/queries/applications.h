#pragma once
// Read models of the applications pipeline for the desktop: every application with its startup's name and
// sector, its reviewers and reviews, and the programmes with their rubrics. Projection tables only.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ledger::queries {

struct ReviewRow
{
    std::string reviewer; // key id
    bool conflict = false;
    std::vector<std::pair<std::string, int64_t>> scores; // criterion -> score, by criterion id
    std::string comment;
    int64_t at = 0;
    int64_t total() const;
};

struct ApplicationRow
{
    std::string id;
    std::string startup;
    std::string startupName;
    std::string sector;
    std::string programme;
    std::string title;
    std::string resource;
    int64_t requested = 0;
    std::string stage; // submitted | under_review | approved | rejected | waitlisted | withdrawn
    std::vector<std::string> reviewers; // assigned key ids
    std::vector<ReviewRow> reviews;
    std::string decisionReason;
    std::string grant;
    int64_t submittedAt = 0;
    int64_t decidedAt = 0;
    bool reviewedBy(std::string_view keyId) const;
};

struct CriterionRow
{
    std::string id;
    int64_t max = 0;
};

struct ProgrammeRow
{
    std::string id;
    std::string name;
    int64_t opensAt = 0;
    int64_t closesAt = 0;
    std::vector<CriterionRow> rubric;
    int64_t approvalThreshold = 0;
    int64_t approvalsRequired = 1;
};

struct SponsorRow
{
    std::string id;
    std::string name;
    std::string kind;
};

// Every application, newest first. `withReviews` false skips parsing the reviews (the pipeline table needs
// only the reviewers); ApplicationRow::reviews is then empty.
Result<std::vector<ApplicationRow>> applications(store::LedgerStore &store, bool withReviews = true);
Result<std::optional<ApplicationRow>> application(store::LedgerStore &store, std::string_view id);
Result<std::vector<ApplicationRow>> startupApplications(
    store::LedgerStore &store, std::string_view startupId);
Result<std::vector<ProgrammeRow>> programmes(store::LedgerStore &store);
Result<std::vector<SponsorRow>> sponsors(store::LedgerStore &store);

} // namespace ledger::queries
