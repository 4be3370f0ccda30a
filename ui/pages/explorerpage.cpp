#include "ui/pages/explorerpage.h"

#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/models/logmodel.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>
#include <QThread>
#include <QVBoxLayout>

namespace portal {

ExplorerPage::ExplorerPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<h2>Ledger explorer</h2>"), this);
    layout->addWidget(title);

    auto *bar = new QHBoxLayout;
    m_goto = new QLineEdit(this);
    m_goto->setObjectName(QStringLiteral("gotoEntry"));
    m_goto->setPlaceholderText(tr("Go to entry number (Ctrl+F)"));
    m_goto->setAccessibleName(tr("Go to entry number"));
    m_goto->setValidator(new QIntValidator(0, std::numeric_limits<int>::max(), m_goto));
    m_goto->setClearButtonEnabled(true);
    bar->addWidget(m_goto, 1);
    m_count = new QLabel(this);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new LogModel(ctx, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("logTable"));
    m_view->setAccessibleName(tr("Entries of the ledger"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // Fixed row heights and column widths: the view never asks every row for its size.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // The summary (the last column) takes the rest of the pane; it is whole in the tooltip and the detail
    // pane.
    m_view->setColumnWidth(LogModel::Seq, 64);
    m_view->setColumnWidth(LogModel::Time, 125);
    m_view->setColumnWidth(LogModel::Signer, 125);
    m_view->setColumnWidth(LogModel::Type, 130);
    m_view->setColumnWidth(LogModel::Checks, 185);
    // At 1280x800 the summary was left under 100 px: the type (the summary says it in words, and the detail
    // pane names it) is not a column of its own.
    m_view->setColumnHidden(LogModel::Type, true);
    layout->addWidget(m_view, 1);

    m_detail = new QWidget;
    setDetailPane(m_detail);
    auto *dl = new QVBoxLayout(m_detail);
    m_detailText = new QTextBrowser(m_detail);
    m_detailText->setObjectName(QStringLiteral("entryDetail"));
    m_detailText->setAccessibleName(tr("Entry details"));
    m_detailText->setPlaceholderText(tr("Select an entry to see who signed it and its proof."));
    dl->addWidget(m_detailText, 1);
    m_proofButton = new QPushButton(tr("Show inclusion proof"), m_detail);
    m_proofButton->setObjectName(QStringLiteral("proofButton"));
    m_proofButton->setEnabled(false);
    dl->addWidget(m_proofButton);

    connect(m_goto, &QLineEdit::returnPressed, this, [this] { goTo(m_goto->text().toLongLong()); });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ExplorerPage::showSelected);
    connect(m_model, &LogModel::windowLoaded, this, [this](qint64 first) {
        if (m_shownSeq != m_selectedSeq && m_selectedSeq >= first
            && m_selectedSeq < first + LogModel::kPageSize)
            showSelected();
    });
    connect(m_proofButton, &QPushButton::clicked, this, &ExplorerPage::requestProof);
    connect(m_view, &QTableView::activated, this, &ExplorerPage::requestProof); // Enter
    setTabOrder(m_goto, m_view);
}

void ExplorerPage::refresh()
{
    m_model->reload();
    m_count->setText(tr("%L1 entries").arg(m_model->rowCount()));
    if (m_selectedSeq < 0 || !goTo(m_selectedSeq))
        m_view->selectRow(0);
}

bool ExplorerPage::focusSearch()
{
    m_goto->setFocus(Qt::ShortcutFocusReason);
    m_goto->selectAll();
    return true;
}

bool ExplorerPage::openCurrent()
{
    requestProof();
    return true;
}

bool ExplorerPage::goTo(int64_t seq)
{
    const int row = m_model->rowOf(seq);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ExplorerPage::showSelected()
{
    const int row = m_view->currentIndex().row();
    m_selectedSeq = m_model->seqAt(row);
    m_proofButton->setEnabled(m_selectedSeq >= 0);
    m_shownSeq = -1;
    if (m_selectedSeq < 0) {
        m_detailText->clear();
        return;
    }
    // The entry's window is read by the model's worker; the details follow when it arrives
    // (windowLoaded), so a jump never waits on the UI thread.
    const ledger::queries::LogRow *e = m_model->entryAt(row);
    if (!e) {
        m_detailText->setHtml(tr("<h3>Entry %1</h3><p>Reading the entry…</p>").arg(m_selectedSeq));
        return;
    }
    QString html = tr("<h3>Entry %1</h3>").arg(e->seq);
    html += tr("<p><b>%1</b></p>").arg(e->summary.toHtmlEscaped());
    html += tr(
        "<p>Type: %1<br>Signed by: %2<br>Key id: <tt>%3</tt><br>Sequenced: %4<br>Entry id: <tt>%5</tt></p>")
                .arg(fmt::qs(e->type), m_model->signerName(e->author).toHtmlEscaped(), fmt::qs(e->author),
                    fmt::iso(e->sequencedAt), QString::fromLatin1(e->entryId.toHex()));
    html += e->signatureOk
        ? tr("<p style='color:#1b7f3a'>✓ The signature verifies with the signer's key.</p>")
        : tr("<p style='color:#b01c1c'>✗ The signature does not verify.</p>");
    m_detailText->setHtml(html);
    m_shownSeq = e->seq;
    emit detailShown(e->seq);
}

void ExplorerPage::requestProof()
{
    if (m_selectedSeq < 0)
        return;
    m_proofButton->setEnabled(false);
    m_proofButton->setText(tr("Computing the proof…"));
    const QString path = ctx().ledgerPath();
    const int64_t seq = m_selectedSeq;
    QPointer<ExplorerPage> self(this);
    // Off the UI thread, on a connection of its own: the proof reads the leaf hashes of the whole tree.
    QThread *thread = QThread::create([self, path, seq] {
        QString html;
        bool verified = false;
        auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadOnly);
        auto proof = store ? ledger::queries::inclusionProof(*store.value(), seq)
                           : ledger::Result<ledger::queries::InclusionProof>(store.error());
        if (!proof) {
            html = ExplorerPage::tr("<p>No proof: %1</p>").arg(proof.error().message.toHtmlEscaped());
        } else {
            const auto &p = proof.value();
            verified = p.verified;
            html = ExplorerPage::tr("<h4>Inclusion proof</h4><p>Leaf hash <tt>%1</tt><br>Checkpoint of %L2 "
                                    "entries, root <tt>%3</tt></p>")
                       .arg(QString::fromLatin1(p.leafHash.toHex()))
                       .arg(p.treeSize)
                       .arg(QString::fromLatin1(p.root.toHex()));
            html += QStringLiteral("<ol>");
            for (const QByteArray &h : p.path)
                html += QStringLiteral("<li><tt>%1</tt></li>").arg(QString::fromLatin1(h.toHex()));
            html += QStringLiteral("</ol>");
            html += verified
                ? ExplorerPage::tr("<p style='color:#1b7f3a'>✓ The path leads to the checkpoint's "
                                   "root: the entry is in the signed log.</p>")
                : ExplorerPage::tr("<p style='color:#b01c1c'>✗ The path does not lead to the "
                                   "checkpoint's root.</p>");
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, html, verified, seq] {
            if (!self || self->m_selectedSeq != seq)
                return;
            self->m_detailText->append(html);
            self->m_proofButton->setEnabled(true);
            self->m_proofButton->setText(ExplorerPage::tr("Show inclusion proof"));
            emit self->proofShown(verified);
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

QString ExplorerPage::detailText() const
{
    return m_detailText->toPlainText();
}

} // namespace portal
