#pragma once
// One line in plain words for an entry body: what `log show` lists and what a signer is shown before signing.

#include "ledger/codec/json.h"

#include <QString>

#include <string>

namespace ledger {

QString summariseEntry(const std::string &type, const json::Value &body);

} // namespace ledger
