#!/usr/bin/env bash
# WordPress beside Agora, for bench/blogs.sh's anchor (issue 18): Debian's wordpress, MariaDB
# and Apache with mod_php, WordPress installed at http://127.0.0.1:8089/ with one public post
# of the size of a seeded entry (three paragraphs, about 2 KB of page text). No page cache
# plugin: WordPress as Debian ships it. It changes this machine (packages, Apache's ports and
# sites, a database), so run it on a machine kept for benchmarks. Then:
#   WORDPRESS_URL=$(bench/wordpress-setup.sh | tail -1) DATA=... bench/blogs.sh
set -euo pipefail
source "$(dirname "$0")/apache.sh"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q wordpress mariadb-server apache2 libapache2-mod-php php-mysql >/dev/null
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
if ! mysqladmin ping >/dev/null 2>&1; then
  (mysqld_safe --bind-address=127.0.0.1 >/dev/null 2>&1 &)
  until mysqladmin ping >/dev/null 2>&1; do sleep 0.2; done
fi
mysql -e "CREATE DATABASE IF NOT EXISTS wordpress; CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY 'wp-bench-pass';
  GRANT ALL ON wordpress.* TO 'wp'@'localhost'; FLUSH PRIVILEGES;"
cat >/etc/wordpress/config-127.0.0.1.php <<'PHP'
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp-bench-pass');
define('DB_HOST', 'localhost');
define('WP_CONTENT_DIR', '/usr/share/wordpress/wp-content');
?>
PHP
cat >/etc/apache2/sites-available/wp-bench.conf <<'CONF'
Listen 127.0.0.1:8089
<VirtualHost 127.0.0.1:8089>
  ServerName 127.0.0.1
  DocumentRoot /usr/share/wordpress
  <Directory /usr/share/wordpress>
    Options FollowSymLinks
    AllowOverride Limit Options FileInfo
    DirectoryIndex index.php
    Require all granted
  </Directory>
</VirtualHost>
CONF
enable_site wp-bench 8089
if ! mysql wordpress -e 'SELECT 1 FROM wp_posts LIMIT 1' >/dev/null 2>&1; then
  curl -fs -o /dev/null -X POST "http://127.0.0.1:8089/wp-admin/install.php?step=2" --data-urlencode "weblog_title=Open Voices" \
    --data-urlencode "user_name=ana" --data-urlencode "admin_password=Bench-pass-12345" --data-urlencode "admin_password2=Bench-pass-12345" \
    --data-urlencode "pw_weak=1" --data-urlencode "admin_email=ana@example.com" --data-urlencode "blog_public=1"
fi
words="the team shipped a new release of the platform after weeks of careful testing with every group that depends on it"
para="<p>${words^}. ${words^}. ${words^}.</p>"
mysql wordpress -e "UPDATE wp_posts SET post_title = 'What we learned this year', post_content = '${para}${para}${para}' WHERE ID = 1"
curl -s -o /dev/null -w '%{redirect_url}\n' "http://127.0.0.1:8089/?p=1"
