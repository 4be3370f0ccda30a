#include "ledger/demo/demosupport.h"

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/crypto/sha256.h"
#include "ledger/demo/demonames.h"
#include "ledger/domain/brn.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/sequencer.h"
#include "ledger/store/ledgerstore.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ledger::demo::detail {

int64_t msOf(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

QDateTime utc(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

int64_t startOfDay(int64_t ms)
{
    return ms - ms % kDay; // times here are all after 1970
}

int64_t monthStart(int64_t ms)
{
    const QDate d = utc(ms).date();
    return msOf(QDate(d.year(), d.month(), 1));
}

int64_t nextMonthStart(int64_t ms)
{
    const QDate d = utc(ms).date();
    return msOf(QDate(d.year(), d.month(), 1).addMonths(1));
}

std::string yearMonth(int64_t ms)
{
    const QDate d = utc(ms).date();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
    return buf;
}

std::string numbered(const char *prefix, int64_t n, int width)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
    return std::string(prefix) + buf;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

crypto::PrivateKey deriveKey(uint64_t seed, std::string_view role, uint64_t index)
{
    QByteArray material;
    material.reserve(16 + qsizetype(role.size()));
    for (int i = 7; i >= 0; --i)
        material.append(char((seed >> (8 * i)) & 0xff));
    material.append(role.data(), qsizetype(role.size()));
    for (int i = 7; i >= 0; --i)
        material.append(char((index >> (8 * i)) & 0xff));
    auto key = crypto::PrivateKey::fromSeed(crypto::Sha256::hash(material));
    return key ? key.value() : crypto::PrivateKey();
}

json::Value object(std::initializer_list<std::pair<const char *, json::Value>> members)
{
    json::Object o;
    o.reserve(members.size());
    for (const auto &m : members)
        o.emplace_back(m.first, m.second);
    return json::Value(std::move(o));
}

std::string slugify(std::string_view text)
{
    std::string out;
    for (char ch : text) {
        if (ch >= 'A' && ch <= 'Z')
            out += char(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            out += ch;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.substr(0, 64);
}

std::string lowerAscii(std::string s)
{
    for (char &ch : s) {
        if (ch >= 'A' && ch <= 'Z')
            ch = char(ch - 'A' + 'a');
    }
    return s;
}

bool writeFileExclusive(const QString &path, const QByteArray &data, mode_t mode)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return false;
        }
        written += n;
    }
    const bool ok = ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

} // namespace ledger::demo::detail
