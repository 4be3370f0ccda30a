#pragma once
// The one main window: navigation by role on the left, the page in the middle, the page's detail pane on
// the right; a red banner for a failed verification, a notice bar for the result of the last action, and a
// status bar (identity, online/offline, last verified checkpoint, outbox). Verification runs in the
// background with a progress bar and a cancel button. Layout is remembered.

#include "ledger/engine/verifier.h"
#include "ui/core/portalcontext.h"

#include <QMainWindow>
#include <QPointer>

#include <vector>

class QFrame;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace portal {

class Page;
class VerifyJob;
struct PageSpec;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(PortalContext &ctx, QWidget *parent = nullptr);
    ~MainWindow() override;

    PortalContext &context() { return m_ctx; }
    // Page keys in navigation order, and switching (false: the key is not offered to this identity).
    QStringList pageKeys() const;
    bool showPage(const QString &key);
    QString currentPageKey() const;
    Page *page(const QString &key); // created on first use; nullptr if not offered

    // Background verification of the whole ledger.
    void startVerify(bool quick);
    void cancelVerify();
    // Push + pull with the registry in the background (SyncJob); asks for the passphrase if needed.
    void syncNow();
    bool verifying() const;
    QString bannerText() const;
    QString noticeText() const;
    QString statusText() const; // the status bar's texts joined, for tests

signals:
    void verifyFinished(bool ok);
    void settingsRequested();
    void openRequested();
    void demoRequested();
    void joinRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void updateStatus();
    void showNotice(PortalContext::NoticeKind kind, const QString &text);
    void onVerifyFinished(bool ok, const ledger::VerifyReport &report, const QString &error);
    void selectRow(int row);

    PortalContext &m_ctx;
    std::vector<PageSpec> m_specs;
    std::vector<Page *> m_pages; // nullptr until first shown
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QStackedWidget *m_details = nullptr;
    QWidget *m_emptyDetail = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_banner = nullptr;
    QFrame *m_noticeBar = nullptr;
    QLabel *m_noticeIcon = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_identity = nullptr;
    QLabel *m_online = nullptr;
    QLabel *m_checkpoint = nullptr;
    QLabel *m_outbox = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    VerifyJob *m_verify = nullptr;
    bool m_verified = false;
    bool m_forkShown = false;
    int64_t m_verifiedSize = 0;
};

} // namespace portal
