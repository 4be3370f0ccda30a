#include "ui/models/logmodel.h"

#include "ledger/domain/units.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"

#include <QBrush>
#include <QPointer>
#include <QThread>

#include <memory>

namespace portal {

LogModel::LogModel(PortalContext &ctx, QObject *parent)
    : QAbstractTableModel(parent)
    , m_ctx(ctx)
{
    m_reader = new QThread;
    m_readerContext = new QObject;
    m_readerContext->moveToThread(m_reader);
    connect(m_reader, &QThread::finished, m_readerContext, &QObject::deleteLater);
    m_reader->start();
    reload();
}

LogModel::~LogModel()
{
    m_reader->quit();
    m_reader->wait();
    delete m_reader;
}

void LogModel::prefetch(int64_t first) const
{
    if (first < 0 || first >= m_size || m_cache.contains(first) || m_pending.contains(first))
        return;
    m_pending.insert(first);
    const QString path = m_ctx.ledgerPath();
    const quint64 generation = m_generation;
    QPointer<LogModel> self(const_cast<LogModel *>(this));
    QMetaObject::invokeMethod(m_readerContext, [path, generation, first, self, holder = m_readerStore] {
        // One read-only connection, opened by the worker on its first read and used only there.
        if (!*holder) {
            auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadOnly);
            if (!store)
                return;
            *holder = std::move(store.value());
        }
        auto rows = ledger::queries::logPage(**holder, first, kPageSize);
        if (!rows)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, first, r = std::move(rows.value())]() mutable {
                if (self)
                    self->acceptWindow(generation, first, std::move(r));
            },
            Qt::QueuedConnection);
    });
}

void LogModel::acceptWindow(quint64 generation, int64_t first, std::vector<ledger::queries::LogRow> rows)
{
    m_pending.remove(first);
    if (generation != m_generation || m_cache.contains(first))
        return;
    auto *w = new Window;
    w->rows = std::move(rows);
    m_cache.insert(first, w);
}

void LogModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_pending.clear();
    m_cache.clear();
    m_namesLoaded = false;
    m_names.clear();
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
    auto rows = ledger::queries::logPage(m_ctx.store(), first, kPageSize);
    auto *w = new Window;
    if (rows)
        w->rows = std::move(rows.value());
    ++m_pagesRead;
    m_cache.insert(first, w);
    // Scrolling through the log goes on in the same direction: read the next window ahead. (After a jump,
    // nothing: a guess would only compete with the reads the view asks for.)
    if (first == m_lastMiss + kPageSize)
        prefetch(first + kPageSize);
    else if (first == m_lastMiss - kPageSize)
        prefetch(first - kPageSize);
    m_lastMiss = first;
    return w;
}

const ledger::queries::LogRow *LogModel::entryAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int64_t seq = m_size - 1 - row; // newest first
    const int64_t first = seq - seq % kPageSize;
    const Window *w = window(first);
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
    if (!m_namesLoaded) {
        m_namesLoaded = true;
        if (auto members = ledger::queries::members(m_ctx.store()))
            for (const auto &m : members.value())
                m_names.insert(fmt::qs(m.keyId), fmt::qs(m.name));
    }
    const QString id = fmt::qs(keyId);
    const QString name = m_names.value(id);
    return name.isEmpty() ? ledger::units::shortKeyId(id) : name;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ledger::queries::LogRow *e = entryAt(index.row());
    if (!e)
        return {};
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
