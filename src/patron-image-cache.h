/* patron-image-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "medusa.h"

G_BEGIN_DECLS

/* the largest picture downloaded, and the largest decoded (in pixels) */
#define PATRON_IMAGE_CACHE_MAX_DOWNLOAD (10 * 1024 * 1024)
#define PATRON_IMAGE_CACHE_MAX_PIXELS   (4096 * 4096)
/* the side of the pictures kept on disk: 64 px at scale 2 */
#define PATRON_IMAGE_CACHE_DISK_SIZE    128
#define PATRON_IMAGE_CACHE_DEFAULT_MAX_MEMORY    (8 * 1024 * 1024)
#define PATRON_IMAGE_CACHE_DEFAULT_MAX_DISK_SIZE (32 * 1024 * 1024)

#define PATRON_TYPE_IMAGE_CACHE (patron_image_cache_get_type ())

G_DECLARE_FINAL_TYPE (PatronImageCache, patron_image_cache, PATRON, IMAGE_CACHE, GObject)

PatronImageCache *patron_image_cache_new                (const char           *directory);
const char       *patron_image_cache_get_directory      (PatronImageCache     *self);
void              patron_image_cache_set_max_memory     (PatronImageCache     *self,
                                                         gsize                 max_bytes);
void              patron_image_cache_set_max_disk_size  (PatronImageCache     *self,
                                                         guint64               max_bytes);
guint             patron_image_cache_get_n_textures     (PatronImageCache     *self);
void              patron_image_cache_forget_all         (PatronImageCache     *self);
guint             patron_image_cache_get_n_loading      (PatronImageCache     *self);
GdkTexture       *patron_image_cache_lookup             (PatronImageCache     *self,
                                                         MedusaClient         *client,
                                                         const char           *url,
                                                         int                   size);
void              patron_image_cache_load_async         (PatronImageCache     *self,
                                                         MedusaClient         *client,
                                                         const char           *url,
                                                         int                   size,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GdkTexture       *patron_image_cache_load_finish        (PatronImageCache     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void              patron_image_cache_prune_async        (PatronImageCache     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
guint             patron_image_cache_prune_finish       (PatronImageCache     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void              patron_image_cache_empty_disk_async   (PatronImageCache     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);

GdkPixbuf        *patron_image_decode                   (GBytes               *bytes,
                                                         int                   size,
                                                         GError              **error);

G_END_DECLS
