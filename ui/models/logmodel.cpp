#include "ui/models/logmodel.h"

#include "ledger/domain/units.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"

#include <QBrush>
#include <QMutex>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <deque>
#include <memory>

namespace portal {

namespace {

QMutex g_hookMutex;
std::function<void()> g_beforeRead; // tests only

// Requests beyond this many are forgotten, oldest first: the view has moved on, and asks again if not.
constexpr size_t kMaxQueued = 8;

} // namespace

struct LogModel::Requests
{
    QMutex mutex;
    std::deque<int64_t> queue; // the next to read at the front
    quint64 generation = 0;
    // The worker's own (worker thread only).
    QString path;
    std::unique_ptr<ledger::store::LedgerStore> store;
    quint64 namesGeneration = ~quint64(0);
};

void LogModel::setBeforeReadHook(std::function<void()> hook)
{
    QMutexLocker lock(&g_hookMutex);
    g_beforeRead = std::move(hook);
}

LogModel::LogModel(PortalContext &ctx, QObject *parent)
    : QAbstractTableModel(parent)
    , m_ctx(ctx)
    , m_requests(std::make_shared<Requests>())
{
    m_requests->path = ctx.ledgerPath();
    m_reader = new QThread;
    m_reader->setObjectName(QStringLiteral("log reader"));
    m_readerContext = new QObject;
    m_readerContext->moveToThread(m_reader);
    connect(m_reader, &QThread::finished, m_readerContext, &QObject::deleteLater);
    m_reader->start();
    reload();
}

LogModel::~LogModel()
{
    {
        QMutexLocker lock(&m_requests->mutex);
        m_requests->queue.clear();
    }
    m_reader->quit();
    m_reader->wait();
    delete m_reader;
}

void LogModel::request(int64_t first, bool urgent) const
{
    if (first < 0 || first >= m_size || m_cache.contains(first))
        return;
    QMutexLocker lock(&m_requests->mutex);
    auto &queue = m_requests->queue;
    if (m_pending.contains(first)) {
        // Queued already (or being read): an urgent ask moves it to the front.
        auto it = std::find(queue.begin(), queue.end(), first);
        if (urgent && it != queue.end()) {
            queue.erase(it);
            queue.push_front(first);
        }
        return;
    }
    m_pending.insert(first);
    if (urgent)
        queue.push_front(first);
    else
        queue.push_back(first);
    while (queue.size() > kMaxQueued) {
        m_pending.remove(queue.back());
        queue.pop_back();
    }
    lock.unlock();
    QPointer<LogModel> self(const_cast<LogModel *>(this));
    // One call per request; each takes whatever is at the front then (a forgotten request's call reads
    // another window or nothing).
    QMetaObject::invokeMethod(m_readerContext, [self, requests = m_requests] {
        int64_t first = 0;
        quint64 generation = 0;
        {
            QMutexLocker lock(&requests->mutex);
            if (requests->queue.empty())
                return;
            first = requests->queue.front();
            requests->queue.pop_front();
            generation = requests->generation;
        }
        {
            QMutexLocker lock(&g_hookMutex);
            if (g_beforeRead)
                g_beforeRead();
        }
        std::vector<ledger::queries::LogRow> rows;
        QHash<QString, QString> names;
        if (!requests->store) {
            auto store = ledger::store::LedgerStore::open(
                requests->path, ledger::store::LedgerStore::Mode::ReadOnly);
            if (store)
                requests->store = std::move(store.value());
        }
        if (requests->store) {
            // The signers' names, once per generation (a reload may have enrolled new members).
            if (requests->namesGeneration != generation) {
                requests->namesGeneration = generation;
                if (auto members = ledger::queries::members(*requests->store))
                    for (const auto &m : members.value())
                        names.insert(fmt::qs(m.keyId), fmt::qs(m.name));
            }
            if (auto page = ledger::queries::logPage(*requests->store, first, kPageSize))
                rows = std::move(page.value());
        }
        // Sent even when the read failed (an empty window), so the row shows nothing rather than
        // "Loading…" for ever.
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, first, r = std::move(rows), n = std::move(names)]() mutable {
                if (self)
                    self->acceptWindow(generation, first, std::move(r), std::move(n));
            },
            Qt::QueuedConnection);
    });
}

void LogModel::acceptWindow(quint64 generation, int64_t first, std::vector<ledger::queries::LogRow> rows,
    QHash<QString, QString> names)
{
    if (generation != m_generation)
        return;
    m_pending.remove(first);
    ++m_pagesRead;
    if (!names.isEmpty()) {
        m_names = std::move(names);
        if (rowCount() > 0)
            emit dataChanged(index(0, Signer), index(rowCount() - 1, Signer));
    }
    if (m_cache.contains(first))
        return;
    auto *w = new Window;
    w->rows = std::move(rows);
    m_cache.insert(first, w);
    const int top = rowOf(std::min(first + kPageSize, m_size) - 1);
    const int bottom = rowOf(first);
    if (top >= 0 && bottom >= 0)
        emit dataChanged(index(top, 0), index(bottom, ColumnCount - 1));
    emit windowLoaded(first);
}

void LogModel::reload()
{
    beginResetModel();
    ++m_generation;
    {
        QMutexLocker lock(&m_requests->mutex);
        m_requests->queue.clear();
        m_requests->generation = m_generation;
    }
    m_pending.clear();
    m_cache.clear();
    m_lastAsked = -1;
    auto size = m_ctx.store().logSize();
    m_size = size ? size.value() : 0;
    m_checkpointSize = m_ctx.info().checkpointSize;
    endResetModel();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    // Views hold rows as int; a log beyond 2^31 entries shows its newest 2^31.
    return int(std::min<int64_t>(m_size, std::numeric_limits<int>::max()));
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const LogModel::Window *LogModel::window(int64_t first) const
{
    if (const Window *w = m_cache.object(first))
        return w;
    request(first, true);
    // Scrolling through the log goes on in the same direction: ask for the next window too. (After a
    // jump, nothing: a guess would only compete with the reads the view asks for.)
    if (first == m_lastAsked + kPageSize)
        request(first + kPageSize, false);
    else if (first == m_lastAsked - kPageSize)
        request(first - kPageSize, false);
    m_lastAsked = first;
    return nullptr;
}

int64_t LogModel::seqAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_size - 1 - row; // newest first
}

const ledger::queries::LogRow *LogModel::entryAt(int row) const
{
    const int64_t seq = seqAt(row);
    if (seq < 0)
        return nullptr;
    const int64_t first = seq - seq % kPageSize;
    const Window *w = window(first);
    if (!w)
        return nullptr;
    const size_t i = size_t(seq - first);
    return i < w->rows.size() ? &w->rows[i] : nullptr;
}

int LogModel::rowOf(int64_t seq) const
{
    if (seq < 0 || seq >= m_size)
        return -1;
    return int(m_size - 1 - seq);
}

QString LogModel::signerName(const std::string &keyId) const
{
    const QString id = fmt::qs(keyId);
    const QString name = m_names.value(id);
    return name.isEmpty() ? ledger::units::shortKeyId(id) : name;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ledger::queries::LogRow *e = entryAt(index.row());
    if (!e) {
        // Not read yet: the number is known, the rest follows when the worker has read the window.
        if (role == SeqRole)
            return qint64(seqAt(index.row()));
        if (role == Qt::DisplayRole && index.column() == Seq)
            return QString::number(seqAt(index.row()));
        if (role == Qt::DisplayRole && index.column() == Summary)
            return tr("Loading…");
        if (role == Qt::TextAlignmentRole && index.column() == Seq)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const bool inCheckpoint = e->seq < m_checkpointSize;
    if (role == SeqRole)
        return qint64(e->seq);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Seq:
            return QString::number(e->seq);
        case Time:
            return fmt::dateTime(e->sequencedAt);
        case Signer:
            return signerName(e->author);
        case Type:
            return fmt::qs(e->type);
        case Summary:
            return e->summary;
        case Checks:
            if (!e->signatureOk)
                return tr("✗ bad signature");
            return inCheckpoint ? tr("✓ signed · ✓ in checkpoint") : tr("✓ signed · awaiting checkpoint");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Time)
            return fmt::iso(e->sequencedAt);
        if (index.column() == Signer)
            return fmt::qs(e->author);
        if (index.column() == Summary)
            return e->summary;
    }
    if (role == Qt::ForegroundRole && index.column() == Checks)
        return QBrush(!e->signatureOk ? fmt::errorColour()
                : inCheckpoint        ? fmt::okColour()
                                      : fmt::warnColour());
    if (role == Qt::TextAlignmentRole && index.column() == Seq)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Seq:
        return tr("#");
    case Time:
        return tr("Sequenced");
    case Signer:
        return tr("Signer");
    case Type:
        return tr("Type");
    case Summary:
        return tr("What it says");
    case Checks:
        return tr("Checks");
    }
    return {};
}

} // namespace portal
