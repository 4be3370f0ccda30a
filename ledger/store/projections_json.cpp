// The JSON columns of the projection tables (see projectionsupport.h).

#include "ledger/store/projectionsupport.h"

#include "ledger/codec/json.h"

#include <algorithm>

namespace ledger::store::projection {

namespace {

std::string toJsonText(const json::Value &v)
{
    std::string out;
    json::appendCanonical(out, v);
    return out;
}

json::Value parseStored(std::string_view text)
{
    auto v = json::parse(text);
    return v ? std::move(v.value()) : json::Value();
}

int64_t intField(const json::Value &v, const char *key)
{
    const json::Value *f = v.find(key);
    return f && f->isInt() ? f->toInt() : 0;
}

std::string strField(const json::Value &v, const char *key)
{
    const json::Value *f = v.find(key);
    return f && f->isString() ? f->toString() : std::string();
}

bool boolField(const json::Value &v, const char *key)
{
    const json::Value *f = v.find(key);
    return f && f->isBool() && f->toBool();
}

} // namespace

std::string stringListJson(const std::vector<std::string> &items)
{
    json::Array a;
    for (const auto &s : items)
        a.emplace_back(s);
    return toJsonText(json::Value(std::move(a)));
}

std::vector<std::string> readStringList(std::string_view text)
{
    std::vector<std::string> out;
    const json::Value v = parseStored(text);
    if (v.isArray()) {
        for (const auto &item : v.toArray())
            out.push_back(item.isString() ? item.toString() : std::string());
    }
    return out;
}

std::string rubricJson(const std::vector<Criterion> &rubric)
{
    json::Array a;
    for (const Criterion &c : rubric) {
        json::Value item;
        item.set("id", json::Value(c.id));
        item.set("max", json::Value(c.max));
        a.push_back(std::move(item));
    }
    return toJsonText(json::Value(std::move(a)));
}

std::vector<Criterion> readRubric(std::string_view text)
{
    std::vector<Criterion> out;
    const json::Value rubric = parseStored(text);
    if (rubric.isArray()) {
        for (const auto &c : rubric.toArray())
            out.push_back(Criterion { strField(c, "id"), intField(c, "max") });
    }
    return out;
}

std::string reviewsJson(const std::vector<Review> &reviews)
{
    json::Array a;
    for (const Review &r : reviews) {
        json::Value item;
        item.set("reviewer", json::Value(r.reviewer));
        item.set("conflict", json::Value(r.conflict));
        json::Value scores { json::Object {} };
        for (const auto &[crit, score] : r.scores)
            scores.set(crit, json::Value(score));
        item.set("scores", std::move(scores));
        item.set("comment", json::Value(r.comment));
        item.set("at", json::Value(r.at));
        a.push_back(std::move(item));
    }
    return toJsonText(json::Value(std::move(a)));
}

std::vector<Review> readReviews(std::string_view text, const std::vector<std::string> *order)
{
    std::vector<Review> out;
    const json::Value reviews = parseStored(text);
    if (!reviews.isArray())
        return out;
    for (const auto &r : reviews.toArray()) {
        Review rv;
        rv.reviewer = strField(r, "reviewer");
        rv.conflict = boolField(r, "conflict");
        if (const json::Value *scores = r.find("scores"); scores && scores->isObject()) {
            for (const auto &[crit, score] : scores->toObject())
                rv.scores.emplace_back(crit, score.isInt() ? score.toInt() : 0);
        }
        if (order) {
            auto rank = [&](const std::string &crit) {
                return std::find(order->begin(), order->end(), crit) - order->begin();
            };
            std::stable_sort(rv.scores.begin(), rv.scores.end(),
                [&](const auto &x, const auto &y) { return rank(x.first) < rank(y.first); });
        }
        rv.comment = strField(r, "comment");
        rv.at = intField(r, "at");
        out.push_back(std::move(rv));
    }
    return out;
}

std::string tranchesJson(const std::vector<Tranche> &tranches)
{
    json::Array a;
    for (const Tranche &t : tranches) {
        json::Value item;
        item.set("amount", json::Value(t.amount));
        item.set("release_at", json::Value(t.releaseAt));
        item.set("released", json::Value(t.released));
        a.push_back(std::move(item));
    }
    return toJsonText(json::Value(std::move(a)));
}

std::vector<Tranche> readTranches(std::string_view text)
{
    std::vector<Tranche> out;
    const json::Value tranches = parseStored(text);
    if (tranches.isArray()) {
        for (const auto &t : tranches.toArray())
            out.push_back(
                Tranche { intField(t, "amount"), intField(t, "release_at"), boolField(t, "released") });
    }
    return out;
}

} // namespace ledger::store::projection
