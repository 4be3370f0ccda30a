#pragma once
// Where a replica syncs: its registry's address (the binding's URL) and how to trust it (a CA file and
// pinned registry keys), kept in the replica's own meta so each replica file keeps its own registry.
//
// Error codes: not_bound (the ledger is no replica), invalid_endpoint (an address registryUrlProblem refuses,
// a pin that is not "sha256//<base64 of 32 bytes>", several ';'-separated), plus the store's. A refused
// endpoint changes nothing.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QString>

#include <optional>

namespace ledger::replica {

struct Endpoint
{
    QString registryUrl;
    QString caFile; // empty: the system's CAs
    QString pin; // empty: no pin
};

// The replica's endpoint, or nullopt when the ledger is not bound to a registry.
Result<std::optional<Endpoint>> readEndpoint(store::LedgerStore &store);
// Checks and stores a new endpoint for a bound ledger (its kind stays); the address in its stored form.
Result<void> writeEndpoint(store::LedgerStore &store, const Endpoint &endpoint);
// The checks writeEndpoint makes; empty when acceptable.
QString endpointProblem(const Endpoint &endpoint);
// The one rule for a registry's address, used by writeEndpoint, the transport, alliancectl and the desktop's
// forms: https://HOST[:PORT] and nothing else (no user name, path, query or fragment; the API is /v1/ right
// under the host and TLS is always on). Surrounding spaces and one trailing '/' are allowed. Empty when
// acceptable, else what is wrong and what to type instead, in the user's language (context
// "RegistryAddress", as the entry summaries do).
QString registryUrlProblem(const QString &url);
// An acceptable address in its stored form: trimmed, without the trailing '/' ("https://host:8443").
QString normalisedRegistryUrl(const QString &url);
// Pins in the stored form: empty (no pin), or "sha256//<base64 of 32 bytes>", several ';'-separated. The one
// rule for a pin, used by writeEndpoint, the transport and the desktop's forms.
bool validPins(const QString &pins);
// A pin as the user may type it (base64, or sha256//base64; several ';'-separated) in the stored form
// "sha256//<base64>[;...]".
QString normalisedPin(const QString &pin);

} // namespace ledger::replica
