#pragma once
// The demo generator: plans the alliance, then signs and sequences its entries event by event through the
// real Sequencer (demogenerator.h says what comes out). Its parts live in demoplanning.cpp (everything
// decided before the rules engine runs), demobatches.cpp (signing, sequencing, the event loop),
// demohandlers.cpp (one handler per event) and demogenerator.cpp (checks, keys, the whole run). Internal to
// ledger/demo.

#include "ledger/demo/demogenerator.h"
#include "ledger/demo/demoworld.h"

namespace ledger::demo::detail {

class Generator
{
public:
    Generator(const DemoOptions &options, const DemoProgress &progress)
        : m_opt(options)
        , m_progress(progress)
        , m_rng(options.seed)
        , m_nonceRng(options.seed ^ 0x6e6f6e63652d6b31ULL)
    { }

    Result<DemoSummary> run();

private:
    Result<DemoSummary> generateInto();
    void cleanUp();

    // Planning: everything that does not depend on the rules engine's answers.
    void planPeople();
    void planSponsorsAndProgrammes();
    void planStartups();
    void planApplications();
    void planPools();
    void schedulePlan();
    void deriveKeys();

    // Running.
    Result<void> runEvents();
    void handle(const Event &e);
    Result<void> flush();
    Result<void> report(const QString &phase);
    Result<void> checkShadow();
    Result<QStringList> saveKeys(const QString &dir);

    // Event handlers.
    void setup();
    void pledge();
    void approvePool(int pool);
    void topUp();
    void registerStartup(int s);
    void submit(int a);
    void withdraw(int a);
    void assign(int a);
    void review(int a, int reviewer, bool replacement);
    void replace(int a);
    void decide(int a);
    void followUp(int a);
    void createGrant(int a);
    void approveGrant(int g);
    void activate(GrantSim &g);
    void release(int g, int tranche);
    void monthlyUsage();
    void recordUsage(GrantSim &g, int64_t limit);
    void expire(int g);
    void clawback(int g);
    void approveClawback(int g);
    void applyClawback(GrantSim &g);
    void closePool();

    void schedule(int64_t at, Event e);
    int64_t dayAt(int day, int64_t slot) const { return m_start + int64_t(day) * kDay + slot; }
    void record(int actor, const char *type, json::Value body, Expect expect = Expect::Applied,
        Sink sink = Sink::None, int index = -1);
    std::string nonce();
    std::string personName();
    int addActor(std::string_view role, uint64_t index, std::string name, std::string roleName);
    bool needsApproval(const ProgrammeDef &p, int64_t amount) const
    {
        return p.approvals > 1 && amount > p.threshold;
    }
    int otherPm(int pm) const { return m_pms[size_t((pm + 1) % int(m_pms.size()))]; }

    const DemoOptions &m_opt;
    const DemoProgress &m_progress;
    Rng m_rng;
    std::mt19937_64 m_nonceRng;
    QString m_keysDir;

    int64_t m_start = 0;
    int64_t m_end = 0;
    int m_days = 0;
    int64_t m_now = 0;
    ManualClock m_clock;
    std::unique_ptr<store::LedgerStore> m_store;
    std::unique_ptr<Sequencer> m_seq;
    bool m_createdLedger = false;
    bool m_createdKeysDir = false;
    bool m_wroteKeys = false; // into m_keysDir, which was missing or empty before

    std::vector<Actor> m_actors;
    int m_root = -1;
    int m_admin2 = -1;
    int m_auditor = -1;
    std::vector<int> m_pms;
    std::vector<int> m_reviewers;
    std::vector<SponsorDef> m_sponsors;
    std::vector<ProgrammeDef> m_programmes;
    std::vector<PoolDef> m_pools;
    std::vector<StartupDef> m_startups;
    std::vector<AppDef> m_apps;
    std::vector<GrantSim> m_grants;
    int m_topUpPool = -1;
    int m_closePool = -1;

    std::map<int64_t, std::vector<Event>> m_queue;
    std::vector<Item> m_batch;
    int64_t m_done = 0;
    int64_t m_estimate = 0;
    int64_t m_rejectedOnPurpose = 0;
    int m_submitted = 0;
    QString m_phase;
};

} // namespace ledger::demo::detail
